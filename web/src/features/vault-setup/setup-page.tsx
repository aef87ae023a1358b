import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Navigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Spinner } from '../../components/spinner';
import { useT } from '../../lib/i18n';
import type { MessageKey } from '../../lib/messages.en';
import { useMe } from '../../lib/me-query';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useVaultUnlocked } from '../../lib/vault/vault-client';
import { useVaultState, vaultStateQuery } from '../../lib/vault/vault-queries';
import { IntroStep } from './intro-step';
import { PassphraseStep } from './passphrase-step';
import { PasskeyStep } from './passkey-step';
import { RecoveryStep } from './recovery-step';

type Step = 'intro' | 'passkey' | 'recovery' | 'passphrase';

const STEPS: readonly { step: Step; key: MessageKey }[] = [
  { step: 'intro', key: 'setup.stepIntro' },
  { step: 'passkey', key: 'setup.stepPasskey' },
  { step: 'recovery', key: 'setup.stepRecovery' },
  { step: 'passphrase', key: 'setup.stepPassphrase' },
];

/**
 * The first visit of a resident without a vault: a short wizard that makes the keys in the vault
 * worker and sets up at least two ways to unlock (a passkey and a recovery kit, or a recovery kit
 * and a passphrase when the passkey cannot give a PRF output). Nothing is sent before the end.
 */
export function SetupPage() {
  const t = useT();
  useDocumentTitle(t('setup.title'));
  const { data: me } = useMe();
  const state = useVaultState();
  const unlocked = useVaultUnlocked();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('intro');
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [passkeyReady, setPasskeyReady] = useState(false);
  const [withoutPasskey, setWithoutPasskey] = useState(false);
  const stepHeadingRef = useRef<HTMLHeadingElement>(null);

  if (!me) return null; // the route guard renders this page only for a signed-in resident
  if (state.isPending) return <Spinner />;
  if (state.isError) {
    return (
      <ErrorAlert error={state.error}>
        <button type="button" className="button" onClick={() => void state.refetch()}>
          {t('common.retry')}
        </button>
      </ErrorAlert>
    );
  }
  if (state.data.enrolled) return <Navigate to={unlocked ? '/' : '/unlock'} replace />;

  /** Moves to a step and puts keyboard focus on its heading. */
  function goTo(next: Step) {
    flushSync(() => setStep(next));
    stepHeadingRef.current?.focus();
  }

  const index = STEPS.findIndex((s) => s.step === step);
  const current = STEPS[index]!;

  return (
    <>
      <h1 data-testid="welcome">{t('setup.welcome', { name: me.displayName })}</h1>
      <p className="lead">{t('setup.lead')}</p>
      <ol className="steps" aria-label={t('setup.stepsLabel')}>
        {STEPS.map((s, i) => (
          <li
            key={s.step}
            aria-current={s.step === step ? 'step' : undefined}
            className={i < index ? 'step-done' : undefined}
          >
            {t(s.key)}
          </li>
        ))}
      </ol>
      <section className="wizard" aria-labelledby="setup-step-heading">
        <h2 id="setup-step-heading" ref={stepHeadingRef} tabIndex={-1}>
          {t('setup.stepHeading', { number: index + 1, total: STEPS.length, name: t(current.key) })}
        </h2>
        {step === 'intro' && (
          <IntroStep
            residentId={me.id}
            onPrepared={(code) => {
              setRecoveryCode(code);
              goTo('passkey');
            }}
          />
        )}
        {step === 'passkey' && (
          <PasskeyStep
            ready={passkeyReady}
            onReady={() => {
              setPasskeyReady(true);
              setWithoutPasskey(false);
              goTo('recovery');
            }}
            onWithoutPasskey={() => {
              setWithoutPasskey(true);
              goTo('recovery');
            }}
          />
        )}
        {step === 'recovery' && recoveryCode && (
          <RecoveryStep
            code={recoveryCode}
            residentName={me.displayName}
            onBack={() => goTo('passkey')}
            onNext={() => goTo('passphrase')}
          />
        )}
        {step === 'passphrase' && (
          <PassphraseStep
            required={withoutPasskey || !passkeyReady}
            onBack={() => goTo('recovery')}
            onFinished={async () => {
              // The guard above then sends the resident to their (unlocked) documents.
              await queryClient.refetchQueries({ queryKey: vaultStateQuery.queryKey });
            }}
          />
        )}
      </section>
    </>
  );
}
