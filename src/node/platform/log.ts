import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

// Anything shaped like a JWT/JWS (three base64url parts), a PEM block, or a long base64 run is a secret
// until proven otherwise: we never know which string a caller passes in a field.
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(-----END [A-Z0-9 ]+-----|$)/g;
const LONG_BASE64 = /[A-Za-z0-9+/_-]{120,}={0,2}/g;
const SECRET_KEYS =
  /pass(word|phrase)?|secret|token|assertion|private|^d$|^p$|^q$|^dp$|^dq$|^qi$|authorization|cookie|key(material)?$/i;

export function redact(text: string): string {
  return text.replace(PEM, '[REDACTED PEM]').replace(JWT, '[REDACTED JWT]').replace(LONG_BASE64, '[REDACTED]');
}

export function redactFields(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactFields(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        SECRET_KEYS.test(k) && v !== undefined && v !== null && typeof v !== 'boolean' && typeof v !== 'number'
          ? '[REDACTED]'
          : redactFields(v, depth + 1);
    }
    return out;
  }
  return value;
}

export interface LogSink {
  write(line: string): void;
}

export function fileSink(path: string): LogSink {
  let ready = false;
  return {
    write(line) {
      if (!ready) {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        ready = true;
      }
      appendFileSync(path, `${line}\n`, { mode: 0o600 });
    },
  };
}

export function memorySink(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line) => lines.push(line) };
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A JSON-lines logger that redacts every message and field before it reaches a sink. */
export function createLogger(sink: LogSink, options: { level?: LogLevel; now?: () => Date } = {}): Logger {
  const min = ORDER[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < min) return;
    const entry = {
      t: now().toISOString(),
      level,
      msg: redact(message),
      ...(fields ? (redactFields(fields) as object) : {}),
    };
    try {
      sink.write(JSON.stringify(entry));
    } catch {
      // A full disk must not take the app down with it; the log is best effort.
    }
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
