/**
 * d2l's real English-French pairs (Tatoeba, via manythings.org): DATA_HUB['fra-eng'] and
 * read_data_nmt. The archive holds fra-eng/fra.txt, one "English\tFrench" pair a line. The tests
 * run it on a local excerpt zip, with a fetch that fails if it is called.
 * Node-only (files, hashes): for scripts, not for students' files.
 */
import { join } from 'node:path';
import { DATA_URL, downloadExtract, readTextFile } from './data-hub';
import type { DataSource, Fetch } from './time-machine';

/** d2l's DATA_HUB['fra-eng']. */
export const FRA_ENG: DataSource = { url: `${DATA_URL}fra-eng.zip`, sha1: '94646ad1522d915e7b0f9296181140edcf86a4f5' };

/** d2l's read_data_nmt: the whole of fra.txt, raw (preprocessNmt in reference/nmt-text.ts comes next). */
export async function readDataNmt(cacheDir?: string, fetchImpl?: Fetch, source: DataSource = FRA_ENG): Promise<string> {
  return readTextFile(join(await downloadExtract(source, undefined, cacheDir, fetchImpl), 'fra.txt'));
}
