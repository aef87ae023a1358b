import { useId } from 'react';
import { useT } from '../lib/i18n';
import type { MessageKey } from '../lib/messages.en';
import {
  MIN_PASSPHRASE_LENGTH,
  passphraseStrength,
  type PassphraseStrength,
} from '../lib/vault/passphrase-strength';

/** What is wrong with a passphrase and its confirmation, if anything. */
export type PassphraseProblem = 'empty' | 'too-short' | 'mismatch';

/** Checks a new passphrase: long enough (as crypto/ counts), and typed the same twice. */
export function checkPassphrase(passphrase: string, confirm: string): PassphraseProblem | null {
  if (passphrase === '') return 'empty';
  if (passphraseStrength(passphrase) === 'too-short') return 'too-short';
  if (passphrase !== confirm) return 'mismatch';
  return null;
}

const problemKeys: Record<PassphraseProblem, MessageKey> = {
  empty: 'passphrase.empty',
  'too-short': 'passphrase.tooShort',
  mismatch: 'passphrase.mismatch',
};

const strengthKeys: Record<PassphraseStrength, MessageKey> = {
  'too-short': 'passphrase.strengthTooShort',
  fair: 'passphrase.strengthFair',
  good: 'passphrase.strengthGood',
  strong: 'passphrase.strengthStrong',
};

/** A new passphrase and its confirmation, with a strength hint and the error, if any. */
export function PassphraseFields({
  passphrase,
  confirm,
  onPassphraseChange,
  onConfirmChange,
  problem,
  optional = false,
}: {
  passphrase: string;
  confirm: string;
  onPassphraseChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  problem: PassphraseProblem | null;
  optional?: boolean;
}) {
  const t = useT();
  const inputId = useId();
  const confirmId = useId();
  const hintId = useId();
  const strengthId = useId();
  const errorId = useId();
  const strength = passphraseStrength(passphrase);
  const mainProblem = problem === 'empty' || problem === 'too-short';
  return (
    <div className="passphrase-fields">
      <label htmlFor={inputId}>
        {optional ? t('passphrase.labelOptional') : t('passphrase.label')}
      </label>
      <p id={hintId} className="hint">
        {t('passphrase.hint', { min: MIN_PASSPHRASE_LENGTH })}
      </p>
      <input
        id={inputId}
        type="password"
        data-testid="passphrase-input"
        autoComplete="new-password"
        spellCheck={false}
        value={passphrase}
        aria-invalid={mainProblem || undefined}
        aria-describedby={[hintId, strengthId, mainProblem ? errorId : '']
          .filter(Boolean)
          .join(' ')}
        onChange={(event) => onPassphraseChange(event.target.value)}
      />
      <p id={strengthId} className={`hint strength strength-${strength}`}>
        {passphrase === '' ? '' : t(strengthKeys[strength])}
      </p>
      <label htmlFor={confirmId}>{t('passphrase.confirmLabel')}</label>
      <input
        id={confirmId}
        type="password"
        data-testid="passphrase-confirm"
        autoComplete="new-password"
        spellCheck={false}
        value={confirm}
        aria-invalid={problem === 'mismatch' || undefined}
        aria-describedby={problem === 'mismatch' ? errorId : undefined}
        onChange={(event) => onConfirmChange(event.target.value)}
      />
      {problem && (
        <p id={errorId} className="field-error" role="alert" data-testid="error">
          {t(problemKeys[problem], { min: MIN_PASSPHRASE_LENGTH })}
        </p>
      )}
    </div>
  );
}
