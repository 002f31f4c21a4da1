import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeAltinnStorage, FakeRequest } from './altinn-storage';
import { matchEventsApi, serveEventsApi } from './fake-events-api';
import { matchInstanceHistory, serveInstanceHistory } from './fake-instance-history';

/**
 * The read routes of issue 20 on the Storage fake: Altinn Events' app query (fake-events-api.ts) and an
 * instance's events and process history (fake-instance-history.ts). True when the request was one of them.
 */
export async function serveEventRoutes(
  storage: FakeAltinnStorage,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  log: FakeRequest,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  const events = matchEventsApi(method, url.pathname);
  const history = events ? undefined : matchInstanceHistory(method, url.pathname);
  if (!events && !history) return false;
  const who = await storage.authenticate(req, log);
  if (events) await serveEventsApi(storage, events, req.headers, res, url, log, who);
  else if (history) serveInstanceHistory(storage, history, res, url, log, who);
  return true;
}
