import {
  MAX_KEY_SLOTS,
  type EnrolRequest,
  type KeySlotInput,
  type VaultStateResponse,
} from '../../../contracts/index.js';
import type { KeySlotRecord } from '../../../storage/index.js';
import { decodeBase64url } from '../../../http/base64url.js';
import { vaultErrors } from '../lib/vault-errors.js';
import { presentVaultState } from '../presenters.js';
import { residentEvent } from '../../access-log/index.js';
import type { VaultDeps } from '../vault-deps.js';
import { checkEnrolmentSlots, checkRecoverySlot, checkSlotShape } from './slot-policy.js';

/**
 * The resident's keys and key slots (DESIGN §4). The server stores envelopes it cannot open; it
 * enforces only which slots a vault must keep. Logs name slots by id and kind, never their bytes.
 */
export class KeyService {
  readonly #deps: VaultDeps;
  constructor(deps: VaultDeps) {
    this.#deps = deps;
  }

  async state(residentId: string): Promise<VaultStateResponse> {
    const { storage, config } = this.#deps;
    return presentVaultState(await storage.getVaultState(residentId, this.#deps.now()), config);
  }

  #slot(residentId: string, input: KeySlotInput, createdAt: Date): KeySlotRecord {
    return {
      id: input.id,
      residentId,
      kind: input.kind,
      credentialId: input.credentialId ?? null,
      envelope: decodeBase64url(input.envelope, 'slot.envelope'),
      createdAt,
    };
  }

  async enrol(residentId: string, request: EnrolRequest): Promise<void> {
    checkEnrolmentSlots(request.slots);
    const now = this.#deps.now();
    const { keys } = request;
    const result = await this.#deps.storage.enrol(
      {
        residentId,
        x25519PublicKey: decodeBase64url(keys.x25519PublicKey, 'keys.x25519PublicKey'),
        ed25519PublicKey: decodeBase64url(keys.ed25519PublicKey, 'keys.ed25519PublicKey'),
        secretKeysEnvelope: decodeBase64url(keys.secretKeysEnvelope, 'keys.secretKeysEnvelope'),
        createdAt: now,
      },
      request.slots.map((s) => this.#slot(residentId, s, now)),
      this.#deps.accessLog.audit((outcome) =>
        outcome === 'enrolled'
          ? residentEvent(residentId, now, 'vault.enrolled', {
              detail: { slots: request.slots.map((s) => s.kind).join(',') },
            })
          : null,
      ),
    );
    if (result === 'already-enrolled') throw vaultErrors.alreadyEnrolled();
    if (result === 'unknown-credential') throw vaultErrors.unknownCredential();
    if (result === 'slot-id-taken') throw vaultErrors.slotIdTaken();
    this.#deps.logger.info(
      { resident: residentId, slots: request.slots.map((s) => ({ id: s.id, kind: s.kind })) },
      'vault enrolled',
    );
  }

  async addSlot(residentId: string, input: KeySlotInput): Promise<void> {
    checkSlotShape(input);
    const now = this.#deps.now();
    const result = await this.#deps.storage.addKeySlot(
      this.#slot(residentId, input, now),
      { maxSlots: MAX_KEY_SLOTS },
      this.#deps.accessLog.audit((outcome) =>
        outcome === 'added'
          ? residentEvent(residentId, now, 'key-slot.added', { detail: { kind: input.kind } })
          : null,
      ),
    );
    if (result === 'not-enrolled') throw vaultErrors.notEnrolled();
    if (result === 'unknown-credential') throw vaultErrors.unknownCredential();
    if (result === 'slot-id-taken') throw vaultErrors.slotIdTaken();
    if (result === 'too-many-slots') throw vaultErrors.tooManySlots(MAX_KEY_SLOTS);
    this.#deps.logger.info(
      { resident: residentId, slot: input.id, kind: input.kind },
      'key slot added',
    );
  }

  async removeSlot(residentId: string, slotId: string): Promise<void> {
    const result = await this.#deps.storage.removeKeySlot(
      residentId,
      slotId,
      this.#deps.accessLog.audit((outcome) =>
        outcome === 'removed'
          ? residentEvent(residentId, this.#deps.now(), 'key-slot.removed')
          : null,
      ),
    );
    if (result === 'not-found') throw vaultErrors.slotNotFound();
    if (result === 'last-slot') throw vaultErrors.lastKeySlot();
    this.#deps.logger.info({ resident: residentId, slot: slotId }, 'key slot removed');
  }

  async replaceRecovery(residentId: string, input: KeySlotInput): Promise<void> {
    checkSlotShape(input);
    checkRecoverySlot(input);
    const now = this.#deps.now();
    const result = await this.#deps.storage.replaceRecoverySlots(
      this.#slot(residentId, input, now),
      this.#deps.accessLog.audit((outcome) =>
        outcome === 'replaced' ? residentEvent(residentId, now, 'recovery-kit.replaced') : null,
      ),
    );
    if (result === 'not-enrolled') throw vaultErrors.notEnrolled();
    if (result === 'slot-id-taken') throw vaultErrors.slotIdTaken();
    this.#deps.logger.info({ resident: residentId, slot: input.id }, 'recovery kit replaced');
  }
}
