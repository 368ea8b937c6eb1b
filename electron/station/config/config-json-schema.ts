/**
 * The JSON Schema of the station config, generated from the zod schema (zod 4 `z.toJSONSchema`) so
 * editors can check a config file as it is typed. kiosk-config/station-config.schema.json is this
 * output; a test fails when the committed file is out of date (regenerate: `tram config schema`).
 */
import { z } from 'zod';
import { stationConfigSchema } from './station-config';

export const CONFIG_SCHEMA_ID = 'https://tram-hoc-so.invalid/kiosk-config/station-config.schema.json';

/** The schema as a JSON object: the input shape a technician writes. */
export function stationConfigJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(stationConfigSchema, { io: 'input', target: 'draft-2020-12' });
  return { ...generated, $id: CONFIG_SCHEMA_ID, title: 'Trạm Học Số station config', description: 'One file per station. Field reference: kiosk-config/README.md. Secrets never go here.' };
}

/** The committed file's exact text: two-space JSON with a final newline. */
export function stationConfigJsonSchemaText(): string {
  return `${JSON.stringify(stationConfigJsonSchema(), null, 2)}\n`;
}
