/**
 * Runs beside the student's tokenize (graders/registry.ts): what it throws is reported as data,
 * with whether it is the course's UnknownTokenTypeError, which a plain call cannot tell.
 */
import * as student from 'd2l-ts/student';
import { UnknownTokenTypeError } from '../../../reference/errors';
import type * as Reference from '../../../reference/26-tokenize';

const { tokenize } = student as Pick<typeof Reference, 'tokenize'>;

export type Outcome = { threw: false; value: unknown } | { threw: true; name: string; typed: boolean; message: string };

export function driveTokenize(lines: string[], token: string): Outcome {
  try {
    return { threw: false, value: tokenize(lines, token as 'word') };
  } catch (e) {
    // The stub's error goes on, so the check reports "not implemented".
    if (e instanceof Error && e.message.startsWith('Not implemented')) throw e;
    return {
      threw: true,
      name: e instanceof Error ? e.name : typeof e,
      typed: e instanceof UnknownTokenTypeError,
      message: e instanceof Error ? e.message : String(e),
    };
  }
}
