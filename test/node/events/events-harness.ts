import { createEventsService } from '../../../src/node/events/events-service';
import { createEventBus } from '../../../src/node/platform/event-bus';
import type { FakeStorageOptions } from '../../fakes/altinn-storage';
import type { FakeCloudEvent } from '../../fakes/fake-event-log';
import { actsHarness } from '../acts/acts-harness';
import { fastRetry } from '../downloads/harness';

/**
 * The acts harness (the Storage fake with the app API's writes, SOKNAD and four parties, a real StorageClient) with
 * the events service over the same client, a clock the fake and the service share (moved by `advance`), and a way
 * to plant CloudEvents directly. The fake shows events at once unless a test sets `visibilityDelayMs`.
 */
export async function eventsHarness(options: Partial<FakeStorageOptions> = {}) {
  let nowMs = Date.parse('2026-05-04T08:00:00.000Z');
  const now = () => new Date(nowMs);
  const h = await actsHarness({ now, ...options }, { now });
  h.fake.events.visibilityDelayMs = 0;
  const bus = createEventBus();
  const service = createEventsService({
    storageFor: async () => ({ client: h.client, environment: h.environment }),
    bus,
    now,
    followBackoff: { firstMs: 20, maxMs: 80 },
    retry: fastRetry,
  });
  let planted = 0;
  return {
    h,
    fake: h.fake,
    client: h.client,
    service,
    bus,
    now,
    /** Move the shared clock. */
    advance(ms: number) {
      nowMs += ms;
    },
    /** A CloudEvent registered now (or at `time`) for an instance of `appId`, as an app's would be. */
    plant(event: Partial<FakeCloudEvent> & { appId?: string; party?: number } = {}): FakeCloudEvent {
      const { appId = 'ttd/soknad', party = 50001, ...rest } = event;
      const n = ++planted;
      const guid = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      return h.fake.events.addCloudEvent({
        time: new Date(nowMs).toISOString(),
        source: `${h.fake.url}/${appId}/instances/${party}/${guid}`,
        subject: `/party/${party}`,
        type: 'app.instance.created',
        resource: `urn:altinn:resource:app_${appId.replace('/', '_')}`,
        resourceinstance: `${party}/${guid}`,
        ...rest,
      });
    },
    cleanup: () => h.cleanup(),
  };
}
