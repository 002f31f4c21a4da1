import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { AppError } from '../../common/errors/app-error';
import { describeZodError } from '../../common/errors/zod-issues';
import { writeFileAtomic } from './atomic-write';

/**
 * A versioned JSON document on disk. Files carry `{ "version": n, ... }`; older versions are lifted by
 * `migrations[n]` (n → n+1) before validation, and every write is atomic. A file that cannot be
 * parsed is reported with its path and the field at fault, never silently replaced.
 */
export class JsonDocumentStore<T extends { version: number }> {
  constructor(
    private readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly defaults: () => T,
    private readonly migrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {},
  ) {}

  get filePath(): string {
    return this.path;
  }

  async read(): Promise<T> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.defaults();
      throw new AppError('SETTINGS_CORRUPT', `Cannot read ${this.path}: ${(error as Error).message}`, {
        details: { path: this.path },
      });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new AppError('SETTINGS_CORRUPT', `${this.path} is not valid JSON: ${(error as Error).message}`, {
        details: { path: this.path },
      });
    }
    const migrated = this.migrate(raw);
    const parsed = this.schema.safeParse(migrated);
    if (!parsed.success) {
      throw new AppError('SETTINGS_CORRUPT', `${this.path}: ${describeZodError(parsed.error)}`, {
        details: { path: this.path, issues: parsed.error.issues.map((i) => i.path.map(String).join('.')) },
      });
    }
    return parsed.data;
  }

  async write(value: T): Promise<void> {
    const checked = this.schema.parse(value);
    await writeFileAtomic(this.path, `${JSON.stringify(checked, null, 2)}\n`);
  }

  async update(change: (current: T) => T): Promise<T> {
    const next = change(await this.read());
    await this.write(next);
    return next;
  }

  private migrate(raw: unknown): unknown {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
    let doc = raw as Record<string, unknown>;
    let guard = 0;
    while (typeof doc.version === 'number' && this.migrations[doc.version] && guard++ < 100) {
      const from = doc.version;
      doc = { ...this.migrations[from](doc), version: from + 1 };
    }
    return doc;
  }
}
