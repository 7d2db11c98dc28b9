import { Provider } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import { DETECT_TYPE, DetectType } from '../../application/attachment-store';

/**
 * The media type from the bytes' signature (the `file-type` package: magic numbers, and the
 * entries of ZIP containers for office documents). An ES module, loaded by Node's require; Jest
 * cannot load it, so only the running service imports this file.
 */
export const detectType: DetectType = async (sample) =>
  (await fileTypeFromBuffer(sample))?.mime ?? null;

export const detectTypeProvider: Provider = { provide: DETECT_TYPE, useValue: detectType };
