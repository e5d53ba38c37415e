import type { PromiseStep } from '../../../contracts/promises.contract';

/** What every dialog about one step of a promise is given: the step, and whether it is open. */
export interface StepModalProps {
  promiseId: string;
  step: PromiseStep;
  opened: boolean;
  onClose: () => void;
}
