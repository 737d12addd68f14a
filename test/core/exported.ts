import { exportJson } from '../../src/domain/transfer/json.js';
import type { ExportData } from '../../src/domain/transfer/plan.js';

/** The JSON export of `data` as one string, its touches handed over in batches of two as a store would. */
export async function exported(data: ExportData, chunkSize?: number): Promise<string> {
  const touches = [...data.touches];
  async function* batches() {
    for (let i = 0; i < touches.length; i += 2) yield touches.slice(i, i + 2);
  }
  let file = '';
  for await (const chunk of exportJson({ ...data, touches: batches() }, chunkSize)) file += chunk;
  return file;
}
