import type { Me, PasskeyView, SessionView } from '../../contracts/index.js';
import type { PasskeyRecord, SessionRecord } from '../../storage/index.js';
import type { CurrentSession } from './sessions/session-service.js';
import { describeDevice } from './sessions/describe-device.js';

/** What the web app may know about the signed-in resident: no national id, no birthdate. */
export function presentMe(current: CurrentSession, expiresAt: Date): Me {
  return {
    id: current.resident.id,
    displayName: current.resident.displayName,
    acr: current.resident.acr,
    signedInWith: current.session.method,
    sessionExpiresAt: expiresAt.toISOString(),
  };
}

export function presentPasskey(p: PasskeyRecord): PasskeyView {
  return {
    id: p.id,
    credentialId: p.credentialId,
    name: p.name,
    createdAt: p.createdAt.toISOString(),
    lastUsedAt: p.lastUsedAt?.toISOString() ?? null,
    backedUp: p.backedUp,
  };
}

export function presentSession(s: SessionRecord, currentIdHash: string): SessionView {
  return {
    id: s.publicId,
    device: describeDevice(s.userAgent),
    signedInWith: s.method,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    current: s.idHash === currentIdHash,
  };
}
