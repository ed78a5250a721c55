import { describeError, FilingError } from '../errors.js';

/** Runs one filing step, turning any failure into a FilingError naming the key and step. */
export async function step<T>(
  key: string,
  name: FilingError['step'],
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof FilingError) throw error;
    throw new FilingError(key, name, describeError(error), { cause: error });
  }
}
