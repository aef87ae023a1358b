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
  'nav.accessLog': 'Access log',
  'nav.account': 'Account',
  'nav.requests': 'Requests',
  'nav.consents': 'Consents',
  'nav.unreadOne': ', 1 new',
  'nav.unreadMany': ', {count} new',
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

  'deleteAccount.heading': 'Delete your account',
  'deleteAccount.intro':
    'Deleting your account removes everything the vault keeps about you. It cannot be undone.',
  'deleteAccount.open': 'Delete my account…',
  'deleteAccount.title': 'Delete your account for ever?',
  'deleteAccount.whatHappens': 'This is exactly what happens:',
  'deleteAccount.documents':
    'Every document, with all its versions and every key that opens it, is deleted. Nobody, not even the city, can recover them. If you want to keep them, download them first.',
  'deleteAccount.signIn':
    'Your passkeys, your unlock methods (passkey, passphrase, recovery kit) and all your sessions are deleted, and with them the link to your eID identity, your name and your national identification number. You are signed out everywhere.',
  'deleteAccount.services':
    'Requests you have not answered are deleted, and every consent you gave ends now: city services can no longer read anything from your vault.',
  'deleteAccount.alreadyRead':
    'What a city service has already read, it keeps: deleting your account cannot undo that. To have it deleted there too, ask that service.',
  'deleteAccount.log':
    'Your access log is kept, but only under a random number that no longer leads to you. A last entry records the deletion.',
  'deleteAccount.backups':
    'Copies in the city’s backups disappear as those backups age out, at the end of the retention period the city states in its privacy notice.',
  'deleteAccount.receipt':
    'You receive a receipt, signed by the vault, that says what was deleted. Keep it.',
  'deleteAccount.typeLabel': 'To confirm, type {word}',
  'deleteAccount.word': 'DELETE',
  'deleteAccount.typeHint': 'This makes sure nobody deletes the account by mistake.',
  'deleteAccount.mismatch': 'Type {word} exactly to confirm.',
  'deleteAccount.confirm': 'Delete my account for ever',
  'deleteAccount.deleting': 'Deleting…',
  'deleteAccount.reauth': 'Sign in again',
  'deleteAccount.doneTitle': 'Your account is deleted',
  'deleteAccount.doneText':
    'Everything listed before is gone. Your receipt was saved as {file}: keep it, it proves what was deleted and when.',
  'deleteAccount.doneCounts':
    'Deleted: {documents} documents, {keySlots} unlock methods, {passkeys} passkeys. Consents ended: {grantsEnded}.',
  'deleteAccount.download': 'Download the receipt again',
  'deleteAccount.finish': 'Finish and leave',

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

  'accessLog.title': 'Access log',
  'accessLog.heading': 'Your access log',
  'accessLog.lead':
    'Every time your data is used, by you, by a city service, by a city operator or by the vault itself, an entry is added to the city’s access log. Your browser checks that log with mathematics, so you do not have to take the city’s word for it.',
  'accessLog.checking': 'Checking your access log…',
  'accessLog.statusHeading': 'Is the log genuine?',
  'accessLog.verifiedOne':
    'Verified: your 1 entry is in the city’s log, checkpoint #{size}, signed by {keyName} (key {keyId}).',
  'accessLog.verifiedMany':
    'Verified: all {count} entries are in the city’s log, checkpoint #{size}, signed by {keyName} (key {keyId}).',
  'accessLog.verifiedNone':
    'Verified: checkpoint #{size} of the city’s log is signed by {keyName} (key {keyId}). None of your entries is in it yet.',
  'accessLog.consistentWith':
    'Consistent with what you saw on {date} at {time}: nothing that was in the log then has been changed or removed.',
  'accessLog.firstCheck':
    'This is the first check in this browser. From now on, every visit also checks that the log has not been rewritten or rolled back since the visit before.',
  'accessLog.pendingOne':
    '1 newer entry is not signed into the log yet (the city signs it about every second). It will be checked in a moment.',
  'accessLog.pendingMany':
    '{count} newer entries are not signed into the log yet (the city signs it about every second). They will be checked in a moment.',
  'accessLog.pendingStalled':
    'Some entries have been waiting for more than a minute: the city’s log may have stopped signing. Check again later; if this lasts, contact the city’s data protection officer (DPO).',
  'accessLog.notKept':
    'This browser could not keep a record of this check (its storage is off or full), so on your next visit it cannot tell whether the log went back in time in between.',
  'accessLog.noCheckpoint':
    'The city’s log has not signed its first checkpoint yet. Your entries will be checked in a moment.',
  'accessLog.checkedAt': 'Last checked at {time}.',
  'accessLog.checkAgain': 'Check again',
  'accessLog.alarm.heading.log-key-changed': 'Warning: the city’s log key has changed',
  'accessLog.alarm.text.log-key-changed':
    'The access log is now signed with another key, or under another name, than the one your browser checked on {trustedDate}. If the city has announced a new log key, compare it with the key shown below. If it has not, someone may be showing you a log that is not the city’s.',
  'accessLog.alarm.heading.bad-checkpoint': 'Warning: the log’s signature does not check out',
  'accessLog.alarm.text.bad-checkpoint':
    'The checkpoint the vault sent is not signed with the city’s log key, or it belongs to another log. It cannot be trusted, and neither can the entries shown with it.',
  'accessLog.alarm.heading.rollback': 'Warning: the log has gone back in time',
  'accessLog.alarm.text.rollback':
    'On {trustedDate} your browser checked the log when it had {trustedSize} entries. Now the vault shows a log of {size} entries, or a different log of the same size. A log can only grow: entries were removed, or you are being shown an older or different copy.',
  'accessLog.alarm.heading.inconsistent': 'Warning: the log has been rewritten',
  'accessLog.alarm.text.inconsistent':
    'The log of today ({size} entries) does not continue the one your browser checked on {trustedDate} ({trustedSize} entries): entries that were already in it have been changed, removed or moved.',
  'accessLog.alarm.heading.entry-missing': 'Warning: one of your entries has disappeared',
  'accessLog.alarm.text.entry-missing':
    'Entry #{index}, which your browser checked on {trustedDate}, is no longer in your log.',
  'accessLog.alarm.heading.entry-changed': 'Warning: one of your entries has been changed',
  'accessLog.alarm.text.entry-changed':
    'Entry #{index} now says something different from what your browser checked on {trustedDate}.',
  'accessLog.alarm.heading.not-included': 'Warning: an entry is not in the city’s log',
  'accessLog.alarm.text.not-included':
    'Entry #{index} of your list is not part of the signed log: it was changed, or added outside the log.',
  'accessLog.alarm.meaning':
    'This does not happen by accident: the record of who used your data may have been tampered with.',
  'accessLog.alarm.whatToDo': 'What to do',
  'accessLog.alarm.step1':
    'Do not delete anything. Save the evidence your browser found and a copy of your access log (buttons below), and keep both files.',
  'accessLog.alarm.step2':
    'Contact the city’s data protection officer (DPO), send them both files, and tell them what this message says.',
  'accessLog.alarm.step3':
    'Your documents themselves are still encrypted: nobody can read them without your key.',
  'accessLog.alarm.saveEvidence': 'Save the evidence',
  'accessLog.alarm.evidenceSaved': 'The evidence was saved as {file}.',
  'accessLog.entryFailed': 'This entry failed the check',
  'accessLog.chartHeading': 'Accesses over time',
  'accessLog.chartCaptionDay': 'Entries per day, by who made them',
  'accessLog.chartCaptionMonth': 'Entries per month, by who made them',
  'accessLog.chartSummary':
    'From {from} to {to}: {resident} by you, {service} by city services, {operator} by city operators, {system} by the vault.',
  'accessLog.chartTable': 'Show the numbers as a table',
  'accessLog.chartPeriod': 'Period',
  'accessLog.chartTotal': 'Total',
  'accessLog.chartEmpty': 'No entries to show in the chart.',
  'accessLog.who.resident': 'You',
  'accessLog.who.service': 'City services',
  'accessLog.who.operator': 'City operators',
  'accessLog.who.system': 'The vault',
  'accessLog.actorKind.resident': 'Someone signed in as you',
  'accessLog.actorKind.service': 'A city service',
  'accessLog.actorKind.operator': 'A city operator',
  'accessLog.actorKind.system': 'The vault',
  'accessLog.filterWho': 'Who',
  'accessLog.filterWhoAll': 'Anyone',
  'accessLog.filterAction': 'What',
  'accessLog.filterActionAll': 'Anything',
  'accessLog.filterDocument': 'Document',
  'accessLog.filterDocumentAll': 'Any document',
  'accessLog.filterFrom': 'From',
  'accessLog.filterTo': 'To',
  'accessLog.clearFilters': 'Clear the filters',
  'accessLog.timelineHeading': 'What happened',
  'accessLog.countOne': '1 entry.',
  'accessLog.countMany': '{count} entries.',
  'accessLog.shownOf': 'Showing {shown} of {total} entries.',
  'accessLog.empty': 'Your log has no entries yet.',
  'accessLog.noMatch': 'No entry matches these filters.',
  'accessLog.showMore': 'Show more entries',
  'accessLog.entryNumber': 'Entry #{index}',
  'accessLog.status.verified': 'Verified',
  'accessLog.status.pending': 'Not signed yet',
  'accessLog.status.unverified': 'Not verified',
  'accessLog.purpose': 'Purpose: {purpose}',
  'accessLog.legalBasis': 'Legal basis: {basis}',
  'accessLog.outcome.denied': 'Refused',
  'accessLog.outcome.failed': 'Failed',
  'accessLog.unreadableEntry':
    'An entry that this version of Citizen Vault cannot show (it was checked all the same).',
  'accessLog.sentence': '{what} on {date} at {time}.',
  'accessLog.document.named': 'your document “{name}”',
  'accessLog.document.category': 'your {category} document',
  'accessLog.document.unknown': 'a document',
  'accessLog.method.eid': 'the eID',
  'accessLog.method.passkey': 'a passkey',
  'accessLog.method.other': 'another method',
  'accessLog.failedSignIn':
    'Someone tried to sign in to your account with {method} and was refused',
  'accessLog.you.sign-in': 'You signed in with {method}',
  'accessLog.you.passkey.added': 'You added a passkey',
  'accessLog.you.passkey.renamed': 'You renamed a passkey',
  'accessLog.you.passkey.removed': 'You removed a passkey',
  'accessLog.you.vault.enrolled': 'You set up your vault',
  'accessLog.you.key-slot.added': 'You added a way to unlock your vault',
  'accessLog.you.key-slot.removed': 'You removed a way to unlock your vault',
  'accessLog.you.recovery-kit.replaced': 'You replaced your recovery kit',
  'accessLog.you.document.uploaded': 'You uploaded {document}',
  'accessLog.you.document.version-added': 'You added a new version of {document}',
  'accessLog.you.document.read': 'You downloaded {document}',
  'accessLog.you.document.previewed': 'You previewed {document}',
  'accessLog.you.document.deleted': 'You deleted {document}',
  'accessLog.you.log.exported': 'You downloaded a copy of your access log',
  'accessLog.you.other': 'You: {action}',
  'accessLog.other.document.read': '{actor} read {document}',
  'accessLog.other.document.previewed': '{actor} viewed {document}',
  'accessLog.other.document.uploaded': '{actor} put {document} in your vault',
  'accessLog.other.document.deleted': '{actor} deleted {document}',
  'accessLog.other.generic': '{actor}: {action}',
  'accessLog.other.genericDocument': '{actor}: {action}, {document}',
  'accessLog.actionName.sign-in': 'Sign-in',
  'accessLog.actionName.sign-in.failed': 'Failed sign-in',
  'accessLog.actionName.passkey.added': 'Passkey added',
  'accessLog.actionName.passkey.renamed': 'Passkey renamed',
  'accessLog.actionName.passkey.removed': 'Passkey removed',
  'accessLog.actionName.vault.enrolled': 'Vault set up',
  'accessLog.actionName.key-slot.added': 'Unlock method added',
  'accessLog.actionName.key-slot.removed': 'Unlock method removed',
  'accessLog.actionName.recovery-kit.replaced': 'Recovery kit replaced',
  'accessLog.actionName.document.uploaded': 'Upload',
  'accessLog.actionName.document.version-added': 'New version',
  'accessLog.actionName.document.read': 'Download or read',
  'accessLog.actionName.document.previewed': 'Preview',
  'accessLog.actionName.document.deleted': 'Deletion',
  'accessLog.actionName.log.exported': 'Copy of the log',
  'accessLog.you.request.refused': 'You refused a request for your documents',
  'accessLog.you.grant.created': 'You gave a city service your consent to read your documents',
  'accessLog.you.grant.revoked': 'You withdrew a consent',
  'accessLog.you.grant.keys-added': 'You shared new documents under a standing consent',
  'accessLog.other.request.created': '{actor} asked for your documents',
  'accessLog.other.access.denied': '{actor} tried to read {document} and was refused',
  'accessLog.other.document.deposited': '{actor} issued {document} into your vault',
  'accessLog.other.grant.expired': 'A consent you gave reached its end date and ended',
  'accessLog.actionName.request.created': 'Request from a service',
  'accessLog.actionName.request.refused': 'Request refused',
  'accessLog.actionName.access.denied': 'Refused read',
  'accessLog.actionName.document.deposited': 'Document issued to you',
  'accessLog.actionName.grant.created': 'Consent given',
  'accessLog.actionName.grant.revoked': 'Consent withdrawn',
  'accessLog.actionName.grant.expired': 'Consent ended',
  'accessLog.actionName.grant.keys-added': 'Documents added to a consent',
  'accessLog.actionName.account.deleted': 'Account deleted',
  'accessLog.you.account.deleted': 'You deleted your account',
  'accessLog.grant': 'Under your consent {id} (see Consents)',
  'accessLog.keyHeading': 'The city’s log key',
  'accessLog.keyText':
    'Your browser checks every checkpoint with this key. Compare it with the key the city publishes: if they are not the same, the log you see is not the city’s.',
  'accessLog.exportHeading': 'Keep a copy',
  'accessLog.exportText':
    'Download your entries, their proofs and the signed checkpoint in one file. Anyone can check it later without the vault, for example with the city’s command-line verifier. The copy itself is recorded in your log.',
  'accessLog.export': 'Download my access log',
  'accessLog.exporting': 'Preparing your access log…',
  'accessLog.exported': 'Your access log was saved as {file}.',

  'exportAll.heading': 'Export everything',
  'exportAll.text':
    'Download one archive (a ZIP file) with all your documents and their earlier versions, decrypted, their details, your consent receipts, and your access log with the proofs that let anyone check it. The archive is made here, in your browser: the city never sees your documents unencrypted.',
  'exportAll.warning':
    'The documents in the archive are not encrypted. Keep it somewhere safe, and delete it when you no longer need it.',
  'exportAll.button': 'Export everything',
  'exportAll.exporting': 'Exporting…',
  'exportAll.cancel': 'Stop the export',
  'exportAll.cancelled': 'The export was stopped. Nothing was saved.',
  'exportAll.locked': 'To export your documents, unlock your vault first.',
  'exportAll.unlockLink': 'Unlock your vault',
  'exportAll.notEnrolled': 'Your vault is not set up yet, so there is nothing to export.',
  'exportAll.progressLabel': 'Making your archive',
  'exportAll.percent': 'Making your archive: {percent}% done',
  'exportAll.step.listing': 'Finding your documents…',
  'exportAll.step.document': 'Decrypting “{name}” (file {index} of {count})…',
  'exportAll.step.receipts': 'Adding your consent receipts…',
  'exportAll.step.log': 'Adding your access log and its proofs…',
  'exportAll.step.packing': 'Putting the archive together…',
  'exportAll.done': 'Your archive was saved as {file}.',
  'exportAll.doneWithout':
    'Your archive was saved as {file}, without {count} file(s) that could not be decrypted. README.txt and metadata.json in the archive list them.',
  'exportAll.unreadableTitle': 'A document could not be decrypted',
  'exportAll.unreadable':
    '“{name}” (version {version}) could not be decrypted, so no archive was saved. Try again: if it fails again, the stored copy is damaged. You can export everything else without it (the archive will list it as missing), and upload the file again if you still have it.',
  'exportAll.unnamed': 'a document whose name cannot be read',
  'exportAll.retry': 'Try again',
  'exportAll.exportWithout': 'Export everything else',
  'exportAll.readme.title': 'Citizen Vault: everything you keep in your vault',
  'exportAll.readme.madeOn': 'Made on {date} from the vault at {vault}.',
  'exportAll.readme.counts':
    'It holds {versions} file(s) of {documents} document(s), {consents} consent receipt(s) and {entries} access-log entries. Its parts:',
  'exportAll.readme.documents':
    'Your documents, decrypted, with their own names. Where two had the same name, a number was added, such as “scan (2).pdf”. Characters that some computers do not allow in names were replaced with “_”.',
  'exportAll.readme.olderVersions':
    'The earlier versions of documents you replaced with a new version, named “name (version N)”.',
  'exportAll.readme.metadata':
    'The details of every document and version: title, notes, category, dates, size, and the city service that issued it, if one did. Also your consents: the service, the purpose, the legal basis and the dates.',
  'exportAll.readme.consents':
    'Your consent receipts: each holds the receipt you signed (a JWS), the vault’s countersignature and the vault’s key to check it.',
  'exportAll.readme.accessLog':
    'Your access log: every recorded use of your data, with the proofs and the signed checkpoint that let anyone check it without asking the city. With the Citizen Vault software, check it with:',
  'exportAll.readme.thisArchive': 'this archive',
  'exportAll.readme.publishedKey': 'the key the city publishes',
  'exportAll.readme.version': 'version {version}',
  'exportAll.readme.unreadable':
    'Missing: {count} file(s) could not be decrypted, so they are not in this archive:',
  'exportAll.readme.keepSafe':
    'The documents in this archive are not encrypted: keep it somewhere safe, and delete it when you no longer need it.',

  'notice.read': '{service} read {document} at {time}, under your consent for “{purpose}”.',
  'notice.readNoPurpose': '{service} read {document} at {time}.',
  'notice.deposited': '{service} put a new document in your vault: {document}.',
  'notice.request': '{service} has sent you a request. Open Requests to answer it.',
  'notice.standingOne':
    'Your standing consent for {service} now also covers 1 new document, as you agreed.',
  'notice.standingMany':
    'Your standing consent for {service} now also covers {count} new documents, as you agreed.',
  'notice.standingFailed':
    'New documents could not be shared under your standing consents. This will be tried again the next time you unlock your vault.',
  'notice.dismiss': 'Dismiss',

  'legalBasis.consent': 'because you agree to it (GDPR Art. 6(1)(a))',
  'legalBasis.contract':
    'to carry out a contract you have with them, or to prepare one you asked for (GDPR Art. 6(1)(b))',
  'legalBasis.legal-obligation': 'because a law obliges them to (GDPR Art. 6(1)(c))',
  'legalBasis.vital-interests':
    'to protect your life or health, or someone else’s (GDPR Art. 6(1)(d))',
  'legalBasis.public-task':
    'to carry out a task in the public interest or an official duty (GDPR Art. 6(1)(e))',
  'legalBasis.legitimate-interests':
    'for a legitimate interest of theirs that does not override your rights (GDPR Art. 6(1)(f))',

  'requests.title': 'Requests',
  'requests.heading': 'Requests from city services',
  'requests.lead':
    'City services ask here for documents from your vault. Nothing is shared until you say yes, and you choose which documents and until when.',
  'requests.loading': 'Loading your requests…',
  'requests.waitingHeading': 'Waiting for your answer',
  'requests.waitingNone': 'No request is waiting for your answer.',
  'requests.waitingOne': '1 request is waiting for your answer.',
  'requests.waitingMany': '{count} requests are waiting for your answer.',
  'requests.answeredHeading': 'Answered or closed',
  'requests.answeredNone': 'No requests yet.',
  'requests.openRequest': 'open the request',
  'requests.new': 'New',
  'requests.status.pending': 'Waiting for your answer',
  'requests.status.approved': 'You said yes',
  'requests.status.refused': 'You said no',
  'requests.status.expired': 'Not answered in time',
  'requests.status.withdrawn': 'Withdrawn by the service',

  'request.title': 'Request',
  'request.loading': 'Loading the request…',
  'request.backToInbox': 'Back to all requests',
  'request.heading': '{service} asks for your documents',
  'request.who': 'Who is asking',
  'request.what': 'What they ask for',
  'request.whatText': 'Your documents of these kinds: {categories}',
  'request.why': 'Why',
  'request.law': 'Under which law',
  'request.lawText': 'They say they need them {basis}.',
  'request.keep': 'How long they keep it',
  'request.keepNone': 'They do not keep what they read.',
  'request.keepOne': 'Up to 1 day after reading it.',
  'request.keepDays': 'Up to {days} days after reading it.',
  'request.answerBy': 'Answer by',
  'request.dateAtTime': '{date} at {time}',
  'request.answeredOn': 'Answered on',
  'request.matchingHeading': 'Your documents that match',
  'request.matchingNone': 'You have no documents of these kinds in your vault.',
  'request.approvedText':
    'You agreed to share documents with {service}. You can see or withdraw that consent on the Consents page.',
  'request.refusedText': 'You refused this request. {service} got none of your documents.',
  'request.withdrawnText': '{service} withdrew this request. Nothing was shared.',
  'request.expiredText':
    'This request was not answered in time, so nothing was shared. {service} can send a new request.',
  'request.seeConsents': 'See your consents',
  'request.approved': 'Done: {service} can now read the documents you chose.',
  'request.refused': 'Done: you refused the request of {service}.',

  'answer.heading': 'Your answer',
  'answer.intro':
    'Choose what {service} may read, and until when. You can withdraw your consent at any time.',
  'answer.chooseLegend': 'Which documents to share',
  'answer.noDocuments': 'You have no matching documents yet.',
  'answer.standing':
    'Also share documents of these kinds ({categories}) that I add later, until the date below',
  'answer.chooseError':
    'Choose at least one document to share, or choose to share documents you add later.',
  'answer.until': 'Share until',
  'answer.untilHint':
    'At most {days} days from today. After this date the service can no longer read them.',
  'answer.untilError': 'Choose a date from {min} to {max}.',
  'answer.review': 'Review and share…',
  'answer.refuse': 'Refuse…',

  'approve.title': 'Share with {service}?',
  'approve.summary': '{service} will be able to read:',
  'approve.standingItem': 'any document of these kinds you add until {date}: {categories}',
  'approve.with': 'With',
  'approve.for': 'For',
  'approve.until': 'Until',
  'approve.cannotUnread':
    'What {service} reads cannot be unread: withdrawing your consent later stops further reading, but it cannot take back what was already read.',
  'approve.revokeHint':
    'Every read is recorded in your access log. Your browser signs a receipt of this consent, which you can download.',
  'approve.sharing': 'Sharing…',
  'approve.confirm': 'Share',

  'refuse.title': 'Refuse the request of {service}?',
  'refuse.explain':
    '{service} will not get any of your documents for this request. It can ask again with a new request.',
  'refuse.confirm': 'Refuse',

  'consents.title': 'Consents',
  'consents.heading': 'Your consents',
  'consents.lead':
    'These are the city services you allowed to read some of your documents. You can withdraw a consent at any time: from that moment the service can no longer read them. What it has already read cannot be taken back.',
  'consents.loading': 'Loading your consents…',
  'consents.activeHeading': 'Active',
  'consents.activeNone': 'No city service can read your documents at the moment.',
  'consents.expiredHeading': 'Expired',
  'consents.expiredNone': 'No consent has expired.',
  'consents.revokedHeading': 'Withdrawn',
  'consents.revokedNone': 'You have not withdrawn any consent.',
  'consents.revoked':
    'You withdrew your consent for {service}. It can no longer read your documents.',
  'consents.receiptSaved': 'The receipt was saved as {file}.',
  'consents.status.active': 'Active',
  'consents.status.expired': 'Expired',
  'consents.status.revoked': 'Withdrawn',
  'consents.standingChip': 'Includes new documents',
  'consents.purpose': 'Purpose',
  'consents.law': 'Under which law',
  'consents.documents': 'Documents shared',
  'consents.documentsNoneYet': 'None yet.',
  'consents.documentsEnded': 'None any more: the service’s keys were deleted.',
  'consents.standingText': 'New documents of these kinds are shared too: {categories}.',
  'consents.when': 'Until when',
  'consents.until': 'Until {date}',
  'consents.expiredOn': 'Ended on {date}',
  'consents.revokedOn': 'Withdrawn on {date}',
  'consents.given': 'Given on',
  'consents.revoke': 'Withdraw consent',
  'consents.receipt': 'Download the receipt',

  'revoke.title': 'Withdraw your consent for {service}?',
  'revoke.explain': '{service} will not be able to read these documents again from now on.',
  'revoke.cannotUndo': 'What it has already read cannot be taken back.',
  'revoke.confirm': 'Withdraw consent',

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
  'errors.ERR_REQUEST_TIMEOUT':
    'The connection was too slow and the request took too long. Check your connection, then try again.',
  'errors.ERR_HEADERS_TOO_LARGE':
    'The request was too large to read. Reload the page, then try again.',
  'errors.ERR_SERVICE_QUOTA_EXCEEDED':
    'This city service made too many requests. It can try again in a moment.',
  'errors.ERR_UNAUTHENTICATED': 'You are not signed in, or your session has ended. Sign in again.',
  'errors.ERR_NOT_FOUND':
    'We could not find what you asked for; it may have been removed. Reload the page.',
  'errors.ERR_CONFLICT': 'Something changed in the meantime. Reload the page and try again.',
  'errors.ERR_INTERNAL': 'Something went wrong on our side. Try again in a few minutes.',
  'errors.ERR_NOT_READY': 'Citizen Vault is starting up. Try again in a moment.',
  'errors.ERR_STORAGE_FULL':
    'The vault has run out of storage space, so this was not saved. Everything you saved before is safe. Try again later; if it keeps happening, contact the city.',
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
  'errors.ERR_SERVICE_AUTH_FAILED': 'A city service could not be authenticated.',
  'errors.ERR_SERVICE_TOKEN_REQUEST_INVALID':
    'A city service sent a token request the vault could not read.',
  'errors.ERR_SERVICE_GRANT_UNSUPPORTED':
    'A city service asked for a kind of access the vault does not grant.',
  'errors.ERR_SERVICE_TOKEN_INVALID':
    'A city service’s access token is missing, expired or revoked.',
  'errors.ERR_UNKNOWN_RESIDENT':
    'The vault has no account for that resident. They may not have signed in yet.',
  'errors.ERR_PURPOSE_NOT_ALLOWED':
    'That purpose or legal basis is not registered for this city service.',
  'errors.ERR_REQUEST_NOT_PENDING':
    'This request has already been answered or has expired, so it can no longer be changed.',
  'errors.ERR_GRANT_DENIED':
    'The resident’s consent does not cover this read (it was revoked, expired, or is for another purpose or document).',
  'errors.ERR_GRANT_NOT_ACTIVE': 'This consent has already ended, so nothing changed.',
  'errors.ERR_RECEIPT_INVALID':
    'The consent receipt could not be checked, so nothing was shared. Reload the page and try again.',
  'errors.ERR_REAUTH_REQUIRED':
    'For your safety, deleting your account needs a recent sign-in. Sign in again, then delete your account within 10 minutes.',
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
  'errors.ERR_JWS_INVALID':
    'A signature could not be checked, so nothing was done. Reload the page and try again.',
  'errors.ERR_ARCHIVE_TOO_LARGE':
    'Your documents together come to 4 GB or more, which is more than one export archive can hold. Download your largest documents one by one from the Documents page, then ask the city for help with the rest.',
  'errors.ERR_ARCHIVE_INVALID':
    'This file is not an archive the vault can read. Check that you chose the export archive itself.',
  'errors.ERR_ARCHIVE_CHECKSUM':
    'A file inside the archive was changed or damaged after it was made. Make a new export.',
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
