import type { KeySlotInput } from '../../../contracts/index.js';
import { httpErrors } from '../../../http/errors.js';

/**
 * Which slots a vault may have (issue 3): a passkey slot names the credential whose PRF output
 * opens it, no other kind does; an enrolment sets up at least a passkey and a recovery kit, so that
 * losing the passkey never locks the resident out. Throws 400 ERR_VALIDATION otherwise.
 */
export function checkSlotShape(slot: KeySlotInput): void {
  if ((slot.kind === 'passkey') !== (slot.credentialId !== undefined)) {
    throw httpErrors.validation(
      'The request is not valid (slot: a passkey slot names its credentialId, other slots do not).',
    );
  }
}

/**
 * The enrolment rule: well-formed slots, distinct ids, a recovery kit, and a second way in — a
 * passkey slot, or a passphrase slot when the resident's authenticator gives no PRF output (the
 * kit alone would make one lost sheet of paper the only key).
 */
export function checkEnrolmentSlots(slots: KeySlotInput[]): void {
  for (const slot of slots) checkSlotShape(slot);
  if (new Set(slots.map((s) => s.id)).size !== slots.length) {
    throw httpErrors.validation('The request is not valid (slots: every slot needs its own id).');
  }
  const kinds = new Set(slots.map((s) => s.kind));
  if (!kinds.has('recovery') || !(kinds.has('passkey') || kinds.has('passphrase'))) {
    throw httpErrors.validation(
      'The request is not valid (slots: set up a recovery kit and a passkey or a passphrase).',
    );
  }
}

/** A replacement recovery kit is a recovery slot. */
export function checkRecoverySlot(slot: KeySlotInput): void {
  if (slot.kind !== 'recovery') {
    throw httpErrors.validation('The request is not valid (slot: must be a recovery slot).');
  }
}
