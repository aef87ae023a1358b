/**
 * English messages: the reference catalogue. Every other language is typed as {@link Messages},
 * so a missing or extra key fails the type check. Placeholders are `{name}`.
 */
export const messagesEn = {
  'app.name': 'Citizen Vault',
  'app.pageTitle': '{page} – Citizen Vault',
  skipLink: 'Skip to content',

  'nav.label': 'Main',
  'nav.home': 'Documents',
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

  'account.title': 'Your account',
  'account.heading': 'Your account',
  'account.intro':
    'Manage how you sign in, how you unlock your vault, and where you are signed in.',

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

  'header.lock': 'Lock the vault',

  'category.identity': 'Identity',
  'category.residence': 'Residence',
  'category.family': 'Family',
  'category.tax': 'Tax',
  'category.health': 'Health',
  'category.education': 'Education',
  'category.work': 'Work',
  'category.vehicles': 'Vehicles',
  'category.housing': 'Housing',
  'category.other': 'Other',

  'transfer.detail': '{done} of {total} · {timeLeft}',
  'transfer.percent': '{label}: {percent}%',
  'transfer.estimating': 'working out the time left…',
  'transfer.almostDone': 'almost done',
  'transfer.secondsLeft': 'about {count} seconds left',
  'transfer.oneMinuteLeft': 'about 1 minute left',
  'transfer.minutesLeft': 'about {count} minutes left',
  'transfer.oneHourLeft': 'about 1 hour left',
  'transfer.hoursLeft': 'about {count} hours left',

  'kit.title': 'Citizen Vault recovery kit',
  'kit.madeFor': 'For {name}, made on {date}.',
  'kit.codeLabel': 'Your recovery code:',
  'kit.qrLabel': 'QR code of your recovery code',
  'kit.noteWhat':
    'If you lose your passkey and forget your passphrase, this code is the only way to open your vault. Without it, nobody can open it: not you, not the city.',
  'kit.noteKeep':
    'Print this page or write the code down, and keep it somewhere safe, away from your devices. Do not store it in an email or a photo.',
  'kit.noteOnce':
    'To use it, sign in to Citizen Vault and choose “Unlock with your recovery code”. We show this code only now.',
  'kit.print': 'Print the kit',
  'kit.saved': 'I have saved my recovery kit',
  'kit.savedRequired': 'Save your recovery kit, then tick this box to go on.',

  'passphrase.label': 'Passphrase',
  'passphrase.labelOptional': 'Passphrase (optional)',
  'passphrase.hint':
    'At least {min} characters. A short sentence that only you know is easy to remember and hard to guess.',
  'passphrase.confirmLabel': 'Type the passphrase again',
  'passphrase.strengthTooShort': 'Too short.',
  'passphrase.strengthFair': 'Strength: fair. A longer passphrase is safer.',
  'passphrase.strengthGood': 'Strength: good.',
  'passphrase.strengthStrong': 'Strength: strong.',
  'passphrase.empty': 'Enter a passphrase.',
  'passphrase.tooShort': 'The passphrase must have at least {min} characters.',
  'passphrase.mismatch': 'The two passphrases are not the same. Type them again.',

  'setup.title': 'Set up your vault',
  'setup.welcome': 'Welcome, {name}',
  'setup.lead': 'Before you store your first document, set up your vault. It takes two minutes.',
  'setup.stepsLabel': 'Set-up steps',
  'setup.stepHeading': 'Step {number} of {total}: {name}',
  'setup.stepIntro': 'How it works',
  'setup.stepPasskey': 'Your passkey',
  'setup.stepRecovery': 'Your recovery kit',
  'setup.stepPassphrase': 'A passphrase',
  'setup.introWhat':
    'Your documents are encrypted in this browser before they are sent. The city stores them but cannot read them, not even their names.',
  'setup.introHow': 'To open your vault you need a key that only you have. You will set up:',
  'setup.introPasskey':
    'your passkey (fingerprint, face, screen lock or security key), for every day;',
  'setup.introKit': 'a recovery kit: a code to print or write down, in case you lose your passkey;',
  'setup.introPassphrase': 'if you like, a passphrase as well.',
  'setup.introWarning':
    'If you lose all of them, nobody can open your vault, not even the city. That is what keeps it private.',
  'setup.start': 'Set up my vault',
  'setup.preparing': 'Making your keys…',
  'setup.passkeyWhy':
    'Choose the passkey that will open your vault. Your browser asks it for a secret that never leaves this device.',
  'setup.passkeyReady': 'Your passkey is ready to open your vault.',
  'setup.signedInPasskeyHeading': 'The passkey you signed in with',
  'setup.signedInPasskeyText': 'You have just used it: nothing more to do.',
  'setup.useSignedInPasskey': 'Use this passkey',
  'setup.existingPasskeyHeading': 'A passkey you already have',
  'setup.existingPasskeyText':
    'Your browser will ask you to choose one of your passkeys for Citizen Vault.',
  'setup.useExistingPasskey': 'Use one of my passkeys',
  'setup.newPasskeyHeading': 'A new passkey',
  'setup.newPasskeyText': 'It is added to your account, so you can also sign in with it.',
  'setup.passkeyDefaultName': 'Vault passkey',
  'setup.createPasskey': 'Create a passkey',
  'setup.passkeyWaiting': 'Follow the steps your browser shows…',
  'setup.noPrf':
    'This passkey cannot open a vault: its device or browser does not offer the feature that is needed (called “PRF”). You can try another passkey, or use a passphrase instead.',
  'setup.noWebAuthn':
    'This browser cannot use passkeys. You can use a passphrase instead, or set up the vault later in an up-to-date browser.',
  'setup.usePassphraseInstead': 'Use a passphrase instead',
  'setup.kitWhy':
    'This kit opens your vault if you lose your passkey. Print it or write the code down now: we cannot show it again.',
  'setup.next': 'Continue',
  'setup.back': 'Back',
  'setup.passphraseOptional':
    'You can also open your vault with a passphrase, on devices where your passkey is not available. This is optional: leave it empty to skip it.',
  'setup.passphraseRequired':
    'As your passkey cannot open the vault, choose a passphrase. You will type it to open your vault.',
  'setup.finish': 'Finish set-up',
  'setup.finishing': 'Saving your vault…',
  'setup.finishingWithPassphrase':
    'Protecting your passphrase and saving your vault… This takes a few seconds.',

  'unlock.title': 'Unlock your vault',
  'unlock.welcome': 'Welcome back, {name}',
  'unlock.lead': 'Your vault is locked. Unlock it to see your documents.',
  'unlock.passkeyHeading': 'With your passkey',
  'unlock.passkeyText': 'Use the passkey you set up for your vault.',
  'unlock.withPasskey': 'Unlock with your passkey',
  'unlock.passphraseHeading': 'With your passphrase',
  'unlock.passphraseLabel': 'Passphrase',
  'unlock.withPassphrase': 'Unlock with your passphrase',
  'unlock.recoveryHeading': 'With your recovery code',
  'unlock.recoveryText': 'Use this if you have lost your passkey and your passphrase.',
  'unlock.recoveryLabel': 'Recovery code',
  'unlock.recoveryHint':
    'As printed on your recovery kit. Spaces, hyphens and small letters do not matter.',
  'unlock.withRecovery': 'Unlock with your recovery code',
  'unlock.checking': 'Unlocking…',
  'unlock.checkingPassphrase': 'Checking your passphrase… This takes a few seconds.',
  'unlock.waitingPasskey': 'Waiting for your passkey…',
  'unlock.weakKdfHeading': 'Stop: this may be an attack',
  'unlock.weakKdfDoNotType': 'Do not type your passphrase on this site or anywhere else.',
  'unlock.weakKdfUseOther': 'Unlock with your passkey or your recovery kit instead.',
  'unlock.weakKdfContact': 'Tell the city: the vault’s server may have been tampered with.',

  'documents.title': 'Your documents',
  'documents.heading': '{name}’s documents',
  'documents.lead':
    'Your documents are encrypted in this browser. The city stores them but cannot read them, not even their names.',
  'documents.quota': 'You are using {used} of {limit}.',
  'documents.listHeading': 'Your documents',
  'documents.decrypting': 'Decrypting the list…',
  'documents.searchLabel': 'Search by name',
  'documents.filterLabel': 'Category',
  'documents.allCategories': 'All categories',
  'documents.countOne': '1 document.',
  'documents.countMany': '{count} documents.',
  'documents.shownOf': 'Showing {shown} of {total} documents.',
  'documents.empty': 'You have no documents yet. Add your first one above.',
  'documents.noMatch': 'No document matches. Try another name or category.',
  'documents.unreadableName': 'Document that cannot be read',
  'documents.unreadable':
    'This document could not be decrypted: it is damaged, or it was changed after it was stored. You can delete it.',
  'documents.issuedBy': 'Issued by {issuer}',
  'documents.size': 'Size',
  'documents.updated': 'Updated',
  'documents.version': 'Version',
  'documents.versionOf': '{version} (of {count})',
  'documents.preview': 'Preview',
  'documents.download': 'Download',
  'documents.downloading': 'Downloading and decrypting “{name}”',
  'documents.cancelDownload': 'Cancel download',
  'documents.downloaded': '“{name}” is decrypted and saved to your device.',
  'documents.noPreview': 'No preview for this kind of file: download it instead.',
  'documents.noPreviewUnreadable': 'Nothing of it can be shown.',
  'documents.newVersion': 'New version',
  'documents.newVersionLabel': 'File for the new version of “{name}”',
  'documents.newVersionSubmit': 'Upload the new version',
  'documents.newVersionDone': 'New version of “{name}” stored, encrypted.',
  'documents.delete': 'Delete',
  'documents.deleted': '“{name}” is deleted.',

  'upload.heading': 'Add a document',
  'upload.intro': 'The file is encrypted in this browser before it is sent.',
  'upload.fileLabel': 'File',
  'upload.fileRequired': 'Choose a file.',
  'upload.categoryLabel': 'Category',
  'upload.categoryChoose': 'Choose a category',
  'upload.categoryRequired': 'Choose a category.',
  'upload.submit': 'Encrypt and upload',
  'upload.progressLabel': 'Encrypting and uploading “{name}”',
  'upload.cancel': 'Cancel upload',
  'upload.cancelled': 'Upload cancelled. Nothing of it was kept.',
  'upload.done': '“{name}” is stored, encrypted.',

  'preview.loading': 'Decrypting “{name}”',
  'preview.imageAlt': 'Preview of {name}',
  'preview.pdfTitle': 'Preview of {name}',
  'preview.close': 'Close preview',

  'delete.title': 'Delete “{name}”?',
  'delete.explain':
    'The document, all its versions and every copy of its key are deleted from Citizen Vault, including any copy shared with a city service.',
  'delete.permanent': 'This cannot be undone: nobody, not even the city, can recover it.',
  'delete.confirm': 'Yes, delete it for ever',

  'slots.heading': 'Ways to unlock your vault',
  'slots.intro':
    'Your vault opens with any one of these. Keep at least two, so that losing one does not lock you out.',
  'slots.notEnrolled': 'Your vault is not set up yet.',
  'slots.setUpLink': 'Set it up now',
  'slots.kindPasskey': 'Passkey',
  'slots.kindPassphrase': 'Passphrase',
  'slots.kindRecovery': 'Recovery kit',
  'slots.added': 'Added',
  'slots.remove': 'Remove',
  'slots.removeConfirm.passkey':
    'Remove this passkey as a way to unlock? It will still sign you in, but no longer open your vault.',
  'slots.removeConfirm.passphrase': 'Remove this passphrase? It will no longer open your vault.',
  'slots.removeConfirm.recovery':
    'Remove this recovery kit? Its code will no longer open your vault.',
  'slots.removeYes': 'Yes, remove it',
  'slots.removed': 'Removed. It no longer opens your vault.',
  'slots.lastHint':
    'This is your only way to unlock, so it cannot be removed. Add another one first.',
  'slots.lockedHint':
    'To add a way to unlock or replace your recovery kit, unlock your vault first.',
  'slots.unlockLink': 'Unlock your vault',
  'slots.addPasskey': 'Add a passkey',
  'slots.passkeyWaiting': 'Follow the steps your browser shows…',
  'slots.passkeyAdded': 'Passkey added: it now opens your vault too.',
  'slots.addPassphrase': 'Add a passphrase',
  'slots.addPassphraseHeading': 'Add a passphrase',
  'slots.addPassphraseText': 'You will be able to open your vault by typing it.',
  'slots.addPassphraseSubmit': 'Save the passphrase',
  'slots.passphraseWorking': 'Protecting your passphrase… This takes a few seconds.',
  'slots.passphraseAdded': 'Passphrase added.',
  'slots.replaceRecovery': 'Replace the recovery kit',
  'slots.replaceRecoveryHeading': 'A new recovery kit',
  'slots.replaceRecoveryText':
    'Here is your new kit. Once you confirm, it replaces the old one: the old code stops working.',
  'slots.replaceRecoveryConfirm': 'Replace my recovery kit',
  'slots.recoveryReplaced': 'Recovery kit replaced. The old code no longer works.',

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
  'errors.ERR_VERSION_CONFLICT':
    'Someone stored another version of this document at the same time. Reload the page and try again.',
  'errors.ERR_LOG_NO_CHECKPOINT':
    'The city’s access log has no checkpoint of that size. Reload the page to check again.',
  'errors.ERR_LOG_ENTRY_NOT_FOUND': 'This entry of your access log was not found. Reload the page.',
  'errors.ERR_LOG_NOT_COVERED':
    'The newest entries are not signed into the log yet. Wait a few seconds and reload the page.',
  'errors.ERR_LOG_UNAVAILABLE':
    'The vault cannot write to the access log right now, so it did not hand out your document. Try again in a minute; if it keeps happening, contact the city.',
  'errors.ERR_DOCUMENT_TOO_LARGE':
    'This file is larger than the vault accepts for one document. Choose a smaller file.',
  'errors.ERR_QUOTA_EXCEEDED':
    'Your vault does not have enough space left for this file. Delete documents you no longer need, then try again.',
  'errors.ERR_PROOF_MALFORMED':
    'Your browser could not verify the city’s access log: the proof it received does not check out. Reload the page; if this message stays, contact the city and keep a copy of your export.',
  'errors.ERR_PROOF_INVALID':
    'Your browser could not verify the city’s access log: the proof it received does not check out. Reload the page; if this message stays, contact the city and keep a copy of your export.',
  'errors.ERR_NOTE_MALFORMED':
    'Your browser could not verify the city’s access log: the proof it received does not check out. Reload the page; if this message stays, contact the city and keep a copy of your export.',
  'errors.ERR_NOTE_UNVERIFIED':
    'Your browser could not verify the city’s access log: the proof it received does not check out. Reload the page; if this message stays, contact the city and keep a copy of your export.',
  'errors.ERR_NOTE_SIGNATURE_INVALID':
    'Your browser could not verify the city’s access log: the proof it received does not check out. Reload the page; if this message stays, contact the city and keep a copy of your export.',
  'errors.ERR_NOTE_KEY_MALFORMED':
    'Your browser could not verify the city’s access log: the proof it received does not check out. Reload the page; if this message stays, contact the city and keep a copy of your export.',
  'errors.ERR_CHECKPOINT_MALFORMED':
    'Your browser could not verify the city’s access log: the proof it received does not check out. Reload the page; if this message stays, contact the city and keep a copy of your export.',
  'errors.ERR_CHECKPOINT_WRONG_ORIGIN':
    'Your browser could not verify the city’s access log: the proof it received does not check out. Reload the page; if this message stays, contact the city and keep a copy of your export.',
  'errors.ERR_TILE_PATH_MALFORMED':
    'Your browser could not verify the city’s access log: the proof it received does not check out. Reload the page; if this message stays, contact the city and keep a copy of your export.',
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
  'errors.ERR_VAULT_LOCKED': 'Your vault was locked. Unlock it and try again.',
  'errors.ERR_VAULT_WORKER':
    'The part of this page that protects your keys stopped. Reload the page and unlock your vault again.',
  'errors.ERR_PASSKEY_NO_PRF':
    'This passkey cannot open a vault: its device or browser does not offer the feature that is needed (called “PRF”). Try another passkey, or use a passphrase or your recovery kit.',
  'errors.ERR_PASSKEY_SLOT_EXISTS': 'This passkey already opens your vault. Choose another one.',
  'errors.ERR_FILE_READ':
    'The file could not be read; it may have been moved or changed while it was uploading. Choose it again.',
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
