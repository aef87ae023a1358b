import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useT } from '../lib/i18n';
import { signOut } from '../lib/sign-out';
import { ErrorAlert } from './error-alert';

/** Signs out, clears everything cached, and goes to the sign-in page. */
export function SignOutButton() {
  const t = useT();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: () => signOut(queryClient),
    onSuccess: () => navigate('/sign-in', { replace: true }),
  });
  return (
    <div className="sign-out">
      <button
        type="button"
        className="button button-secondary"
        data-testid="sign-out"
        aria-busy={mutation.isPending}
        onClick={() => {
          if (!mutation.isPending) mutation.mutate();
        }}
      >
        {mutation.isPending ? t('header.signingOut') : t('header.signOut')}
      </button>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
    </div>
  );
}
