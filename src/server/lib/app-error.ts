import type { FieldError } from '../../contracts/common.contract';
import type { ErrorCode } from '../../contracts/constants';

/** The one error type services throw; the errors plugin turns it into application/problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly details: { detail?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError('not_found', 404);
export const forbidden = () => new AppError('forbidden', 403);
