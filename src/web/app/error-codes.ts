import { ERROR_CODES } from '../../contracts/constants';

/** The codes the server may answer with; any other code falls back to the problem's own title. */
export const ERROR_CODES_SET: ReadonlySet<string> = new Set(ERROR_CODES);
