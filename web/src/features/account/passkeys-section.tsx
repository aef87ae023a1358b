import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Spinner } from '../../components/spinner';
import { StatusMessage } from '../../components/status-message';
import { useT } from '../../lib/i18n';
import { AddPasskeyForm } from './add-passkey-form';
import { PasskeyItem } from './passkey-item';
import { passkeysQuery, type Status } from './queries';

/** The list of passkeys with rename and remove, and the form to add one. */
export function PasskeysSection() {
  const t = useT();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const passkeys = useQuery(passkeysQuery);

  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('passkeys.heading')}
      </h2>
      <p>{t('passkeys.intro')}</p>
      <StatusMessage>{status ? t(status.key, status.params) : null}</StatusMessage>
      {passkeys.isPending ? (
        <Spinner />
      ) : passkeys.isError ? (
        <ErrorAlert error={passkeys.error}>
          <button type="button" className="button" onClick={() => void passkeys.refetch()}>
            {t('common.retry')}
          </button>
        </ErrorAlert>
      ) : passkeys.data.length === 0 ? (
        <p>{t('passkeys.empty')}</p>
      ) : (
        <ul className="item-list">
          {passkeys.data.map((passkey) => (
            <PasskeyItem
              key={passkey.id}
              passkey={passkey}
              onStatus={setStatus}
              onRemoved={(removed) => {
                setStatus({ key: 'passkeys.removedStatus', params: { name: removed.name } });
                headingRef.current?.focus();
              }}
            />
          ))}
        </ul>
      )}
      <AddPasskeyForm onStatus={setStatus} />
    </section>
  );
}
