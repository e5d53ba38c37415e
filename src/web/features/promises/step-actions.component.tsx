import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { PromiseStep } from '../../../contracts/promises.contract';
import { useSignedInMe } from '../../app/use-me';
import { notifyError, notifySuccess } from '../../components/notify';
import { AssignStepModal } from './assign-step.modal';
import { CustomerReactionModal } from './customer-reaction.modal';
import { useAcceptStep, useCompleteStep, useSetStepOwner } from './promises.api';
import { RateStepModal } from './rate-step.modal';
import { SendBackModal } from './send-back.modal';

/**
 * What the caller may do with a step now (the server says so in step.can). `quick` (the work list)
 * keeps to taking it, handing it back and finishing it; the promise page also offers giving it to
 * someone (the team's manager), sending back and rating.
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
  const [assignOpened, assign] = useDisclosure(false);
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
        onAssign={assign.open}
      />
      {aftersales && (
        <CustomerReactionModal promiseId={promiseId} step={step} opened={reactionOpened} onClose={reaction.close} />
      )}
      {!quick && <SendBackModal promiseId={promiseId} step={step} opened={sendBackOpened} onClose={sendBack.close} />}
      {!quick && <RateStepModal promiseId={promiseId} step={step} opened={rateOpened} onClose={rate.close} />}
      {!quick && step.can.reassign && (
        <AssignStepModal promiseId={promiseId} step={step} opened={assignOpened} onClose={assign.close} />
      )}
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
  onAssign: () => void;
}

function StepButtons({ promiseId, step, quick, onReaction, onSendBack, onRate, onAssign }: StepButtonsProps) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const accept = useAcceptStep(promiseId);
  const complete = useCompleteStep(promiseId);
  const setOwner = useSetStepOwner(promiseId);
  const { can } = step;
  const showSendBack = !quick && can.sendBack;
  const showRate = !quick && can.rate;
  const showAssign = !quick && can.reassign;
  // Taking a step takes it up for the team too: one button, not two.
  const showAccept = can.accept && !can.take;
  const own = (memberId: string | null, done: string) =>
    setOwner.mutate(
      { stepId: step.id, memberId },
      { onSuccess: () => notifySuccess(done), onError: (error) => notifyError(t, error) },
    );
  if (!showAccept && !can.take && !can.handBack && !can.complete && !showSendBack && !showRate && !showAssign)
    return null;
  return (
    <Group gap="xs" mt="xs">
      {can.take && me.member && (
        <Button
          size="compact-md"
          variant="light"
          loading={setOwner.isPending}
          onClick={() => own(me.member!.id, t('promises.handoff.taken'))}
        >
          {t('promises.handoff.take')}
        </Button>
      )}
      {can.handBack && (
        <Button
          size="compact-md"
          variant="default"
          loading={setOwner.isPending}
          onClick={() => own(null, t('promises.handoff.handedBack'))}
        >
          {t('promises.handoff.handBack')}
        </Button>
      )}
      {showAssign && (
        <Button size="compact-md" variant="default" onClick={onAssign}>
          {t('promises.handoff.assign')}
        </Button>
      )}
      {showAccept && (
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
