import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { PromiseStep } from '../../../contracts/promises.contract';
import { notifyError, notifySuccess } from '../../components/notify';
import { CustomerReactionModal } from './customer-reaction.modal';
import { useAcceptStep, useCompleteStep } from './promises.api';
import { RateStepModal } from './rate-step.modal';
import { SendBackModal } from './send-back.modal';

/**
 * What the caller may do with a step now (the server says so in step.can). `quick` (the work list)
 * keeps to taking it up and finishing it; the promise page also offers sending back and rating.
 */
export function StepActions({
  promiseId,
  step,
  quick = false,
}: {
  promiseId: string;
  step: PromiseStep;
  quick?: boolean;
}) {
  const [sendBackOpened, sendBack] = useDisclosure(false);
  const [rateOpened, rate] = useDisclosure(false);
  const [reactionOpened, reaction] = useDisclosure(false);
  const aftersales = step.kind === 'aftersales';
  // The modals stay mounted when the step changes under them, so they close (and tell) as they should.
  return (
    <>
      <StepButtons
        promiseId={promiseId}
        step={step}
        quick={quick}
        onReaction={reaction.open}
        onSendBack={sendBack.open}
        onRate={rate.open}
      />
      {aftersales && (
        <CustomerReactionModal promiseId={promiseId} step={step} opened={reactionOpened} onClose={reaction.close} />
      )}
      {!quick && <SendBackModal promiseId={promiseId} step={step} opened={sendBackOpened} onClose={sendBack.close} />}
      {!quick && <RateStepModal promiseId={promiseId} step={step} opened={rateOpened} onClose={rate.close} />}
    </>
  );
}

interface StepButtonsProps {
  promiseId: string;
  step: PromiseStep;
  quick: boolean;
  onReaction: () => void;
  onSendBack: () => void;
  onRate: () => void;
}

function StepButtons({ promiseId, step, quick, onReaction, onSendBack, onRate }: StepButtonsProps) {
  const { t } = useTranslation();
  const accept = useAcceptStep(promiseId);
  const complete = useCompleteStep(promiseId);
  const { can } = step;
  const showSendBack = !quick && can.sendBack;
  const showRate = !quick && can.rate;
  if (!can.accept && !can.complete && !showSendBack && !showRate) return null;
  return (
    <Group gap="xs" mt="xs">
      {can.accept && (
        <Button
          size="compact-md"
          variant="light"
          loading={accept.isPending}
          onClick={() =>
            accept.mutate(step.id, {
              onSuccess: () => notifySuccess(t('promises.steps.accepted')),
              onError: (error) => notifyError(t, error),
            })
          }
        >
          {t('promises.steps.accept')}
        </Button>
      )}
      {can.complete && step.kind === 'aftersales' && (
        <Button size="compact-md" onClick={onReaction}>
          {t('promises.reaction.open')}
        </Button>
      )}
      {can.complete && step.kind === 'handoff' && (
        <Button
          size="compact-md"
          loading={complete.isPending}
          onClick={() =>
            complete.mutate(
              { stepId: step.id },
              {
                onSuccess: () => notifySuccess(t('promises.steps.completed')),
                onError: (error) => notifyError(t, error),
              },
            )
          }
        >
          {t('promises.steps.complete')}
        </Button>
      )}
      {showSendBack && (
        <Button size="compact-md" variant="default" onClick={onSendBack}>
          {t('promises.sendBack.open')}
        </Button>
      )}
      {showRate && (
        <Button size="compact-md" variant="default" onClick={onRate}>
          {t('promises.rate.open')}
        </Button>
      )}
    </Group>
  );
}
