/**
 * English messages: the reference catalogue. Every other language is typed as {@link Messages},
 * so a missing or extra key fails the type check. Placeholders are `{name}`.
 */
export const messagesEn = {
  'app.name': 'Citizen Vault',
  'app.pageTitle': '{page} – Citizen Vault',
  skipLink: 'Skip to content',

  'nav.label': 'Main',
  'nav.home': 'Home',
  'nav.account': 'Account',
  'nav.signIn': 'Sign in',
  'header.signOut': 'Sign out',
  'header.signingOut': 'Signing out…',
  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.it': 'Italiano',
  'footer.text':
    'Citizen Vault keeps your documents encrypted: the city stores them but cannot read them.',
  'devBanner.title': 'Development mode:',
  'devBanner.body':
    "this eID is a local stand-in, not the city's real eID. Do not enter real personal data.",

  'common.loading': 'Loading…',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.retry': 'Try again',
  'common.never': 'Never',
  'common.eid': 'eID',

  'signIn.title': 'Sign in',
  'signIn.heading': 'Sign in to Citizen Vault',
  'signIn.intro':
    'Citizen Vault keeps your personal documents in one safe place. Sign in with the city’s electronic identity (eID), the same one you use for other city services. If you have already added a passkey to your account, you can use it instead: it is quicker and needs no password.',
  'signIn.withEid': 'Sign in with {eidName}',
  'signIn.withPasskey': 'Sign in with a passkey',
  'signIn.passkeyWaiting': 'Waiting for your passkey…',
  'signIn.passkeyUnsupported':
    'This browser cannot use passkeys. Sign in with {eidName}, or try an up-to-date browser.',

  'callback.title': 'Signing in',
  'callback.working': 'Finishing your sign-in…',
  'callback.failedHeading': 'Sign-in did not work',
  'callback.backToSignIn': 'Back to sign in',

  'home.title': 'Home',
  'home.welcome': 'Welcome, {name}',
  'home.intro':
    'This is your vault. Soon you will keep your documents here: identity papers, certificates, tax statements, school and health records. Only you will be able to read them.',
  'home.accountHint':
    'On your account page you can manage your passkeys and see where you are signed in.',
  'home.accountLink': 'Go to your account',

  'account.title': 'Your account',
  'account.heading': 'Your account',
  'account.intro': 'Manage how you sign in and where you are signed in.',

  'passkeys.heading': 'Passkeys',
  'passkeys.intro':
    'A passkey lets you sign in with your fingerprint, face, screen lock or security key instead of the eID. You can add one for each of your devices.',
  'passkeys.empty': 'You have not added a passkey yet.',
  'passkeys.added': 'Added',
  'passkeys.lastUsed': 'Last used',
  'passkeys.backup': 'Backup',
  'passkeys.backedUp': 'Synced by your passkey provider',
  'passkeys.notBackedUp': 'Stored on one device only',
  'passkeys.rename': 'Rename',
  'passkeys.renameLabel': 'New name for “{name}”',
  'passkeys.remove': 'Remove',
  'passkeys.removeConfirm': 'Remove “{name}”? You will no longer be able to sign in with it.',
  'passkeys.removeYes': 'Yes, remove it',
  'passkeys.nameRequired': 'Enter a name for the passkey.',
  'passkeys.addHeading': 'Add a passkey',
  'passkeys.nameLabel': 'Name for the new passkey',
  'passkeys.nameHint': 'For example “Work laptop” or “My phone”. Only you see it.',
  'passkeys.add': 'Add a passkey',
  'passkeys.adding': 'Follow the steps your browser shows…',
  'passkeys.addedStatus': 'Passkey “{name}” added.',
  'passkeys.renamedStatus': 'Passkey renamed to “{name}”.',
  'passkeys.removedStatus': 'Passkey “{name}” removed.',
  'passkeys.unsupported': 'This browser cannot create passkeys. Try an up-to-date browser.',

  'sessions.heading': 'Where you are signed in',
  'sessions.intro':
    'These are the browsers and devices signed in to your vault. If you do not recognise one, end its session.',
  'sessions.thisDevice': 'This device',
  'sessions.unknownDevice': 'Unknown device',
  'sessions.signedInWith': 'Signed in with',
  'sessions.methodPasskey': 'Passkey',
  'sessions.started': 'Started',
  'sessions.lastSeen': 'Last active',
  'sessions.end': 'End this session',
  'sessions.endOthers': 'End all other sessions',
  'sessions.endedStatus': 'Session ended.',
  'sessions.endedOthersNone': 'There were no other sessions to end.',
  'sessions.endedOthersOne': 'Ended 1 other session.',
  'sessions.endedOthersMany': 'Ended {count} other sessions.',

  'notFound.title': 'Page not found',
  'notFound.text': 'There is nothing at this address. Check the link, or go to the start page.',
  'notFound.home': 'Go to the start page',

  'routeError.title': 'Something went wrong',
  'routeError.text':
    'This page could not be shown. Reload the page; if that does not help, try again later.',
  'routeError.reload': 'Reload the page',

  'errors.generic': 'Something went wrong. Try again; if it keeps happening, try again later.',
  'errors.ERR_BAD_REQUEST': 'The request was not right. Reload the page and try again.',
  'errors.ERR_VALIDATION': 'Some of what you entered is not valid. Check it and try again.',
  'errors.ERR_MALFORMED_JSON': 'The request could not be read. Reload the page and try again.',
  'errors.ERR_PAYLOAD_TOO_LARGE': 'What you sent is too large. Try something smaller.',
  'errors.ERR_UNSUPPORTED_MEDIA_TYPE':
    'The request had an unexpected format. Reload the page and try again.',
  'errors.ERR_CSRF':
    'For your safety we blocked this request, because it did not seem to come from this site. Reload the page and try again.',
  'errors.ERR_RATE_LIMITED': 'Too many attempts. Wait a minute, then try again.',
  'errors.ERR_UNAUTHENTICATED': 'You are not signed in, or your session has ended. Sign in again.',
  'errors.ERR_NOT_FOUND':
    'We could not find what you asked for; it may have been removed. Reload the page.',
  'errors.ERR_CONFLICT': 'Something changed in the meantime. Reload the page and try again.',
  'errors.ERR_INTERNAL': 'Something went wrong on our side. Try again in a few minutes.',
  'errors.ERR_NOT_READY': 'Citizen Vault is starting up. Try again in a moment.',
  'errors.ERR_EID_UNAVAILABLE':
    'The eID service is not available right now. Try again later, or sign in with a passkey.',
  'errors.ERR_EID_NO_TRANSACTION':
    'This sign-in has expired or was already used. Start signing in again.',
  'errors.ERR_EID_STATE_MISMATCH':
    'We could not match this sign-in to one started in this browser. Start signing in again from here.',
  'errors.ERR_EID_SIGN_IN_FAILED': 'Signing in with eID did not work. Start signing in again.',
  'errors.ERR_EID_PROVIDER_ERROR':
    'The eID service stopped the sign-in (perhaps you cancelled it). Start signing in again.',
  'errors.ERR_PASSKEY_CHALLENGE': 'The passkey request expired. Try again.',
  'errors.ERR_PASSKEY_VERIFICATION_FAILED':
    'We could not verify your passkey. Try again, or sign in with eID.',
  'errors.ERR_PASSKEY_UNKNOWN_CREDENTIAL':
    'This passkey is not registered with Citizen Vault (it may have been removed). Sign in with eID, then add a passkey on your account page.',
  'errors.ERR_PASSKEY_COUNTER':
    'This passkey gave an unexpected answer and may have been copied. Sign in with eID and check your passkeys.',
  'errors.ERR_PASSKEY_ALREADY_REGISTERED':
    'This passkey is already registered to your account. Use another device or security key.',
  'errors.ERR_PASSKEY_PRF_LEAKED':
    'Your browser sent data that must stay on your device, so we stopped. Update your browser and try again.',
  'errors.ERR_PASSKEY_NOT_FOUND': 'This passkey no longer exists. Reload the page.',
  'errors.ERR_LAST_SIGN_IN_METHOD':
    'You cannot remove your last way to sign in. Add another one first.',
  'errors.ERR_SESSION_NOT_FOUND':
    'This session has already ended. Reload the page to see the current list.',
  'errors.ERR_NOT_ENROLLED': 'Your vault is not set up yet. Go to the start page to set it up.',
  'errors.ERR_ALREADY_ENROLLED':
    'Your vault is already set up (perhaps in another tab). Reload the page to unlock it.',
  'errors.ERR_SLOT_NOT_FOUND':
    'This way to unlock no longer exists. Reload the page to see the current list.',
  'errors.ERR_LAST_KEY_SLOT':
    'You cannot remove your last way to unlock your vault. Add another one first.',
  'errors.ERR_DOCUMENT_NOT_FOUND':
    'We could not find this document; it may have been deleted. Reload the page.',
  'errors.ERR_UPLOAD_NOT_FOUND':
    'This upload has expired or was cancelled. Start the upload again.',
  'errors.ERR_UPLOAD_OUT_OF_ORDER':
    'The upload was interrupted and got out of step. Start the upload again.',
  'errors.ERR_UPLOAD_FRAMING': 'Part of the upload arrived damaged. Start the upload again.',
  'errors.ERR_UPLOAD_INCOMPLETE':
    'The upload stopped before the whole file arrived. Start the upload again.',
  'errors.ERR_DOCUMENT_TOO_LARGE':
    'This file is larger than the vault accepts for one document. Choose a smaller file.',
  'errors.ERR_QUOTA_EXCEEDED':
    'Your vault does not have enough space left for this file. Delete documents you no longer need, then try again.',
  'errors.ERR_DECRYPT_FAILED':
    'This document could not be decrypted: it is damaged, or it was changed after you stored it. Nothing from it is shown.',
  'errors.ERR_SLOT_OPEN_FAILED':
    'That did not open your vault. Check what you entered and try again, or use another way to unlock.',
  'errors.ERR_WEAK_KDF_PARAMS':
    'Warning: the server asked your browser to protect your passphrase with weaker settings than Citizen Vault ever uses. The server may have been tampered with. We did not use your passphrase. Do not type your passphrase anywhere else; unlock with your passkey or your recovery kit instead, and contact the city.',
  'errors.ERR_RECOVERY_CODE_INVALID':
    'This is not a valid recovery code. Check it against your recovery kit: it has 56 letters and digits in groups of four.',
  'errors.ERR_UNSUPPORTED_FORMAT':
    'This was stored in a format this version of Citizen Vault cannot read. Reload the page; if that does not help, contact the city.',
  'errors.ERR_NETWORK':
    'We could not reach Citizen Vault. Check your internet connection and try again.',
  'errors.ERR_UNEXPECTED_RESPONSE':
    'Citizen Vault gave an unexpected answer. Try again in a few minutes.',
  'errors.webauthnCancelled':
    'The passkey request was cancelled or timed out. Try again when you are ready.',
  'errors.webauthnUnsupported':
    'This browser or device cannot use passkeys this way. Try another device, or an up-to-date browser.',
  'errors.webauthnSecurity':
    'Your browser refused the passkey request for this web address. Open Citizen Vault at its usual address and try again.',
  'errors.webauthnFailed':
    'Your passkey could not be used. Try again, or use another way to sign in.',
} satisfies Record<string, string>;

/** A key of the message catalogue. */
export type MessageKey = keyof typeof messagesEn;

/** The shape every language's catalogue must have. */
export type Messages = Record<MessageKey, string>;
