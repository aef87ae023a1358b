import type { Messages } from './messages.en';

/** Italian messages. Typed as {@link Messages}: a missing or extra key fails the type check. */
export const messagesIt: Messages = {
  'app.name': 'Citizen Vault',
  'app.pageTitle': '{page} – Citizen Vault',
  skipLink: 'Vai al contenuto',

  'nav.label': 'Principale',
  'nav.home': 'Documenti',
  'nav.accessLog': 'Registro accessi',
  'nav.account': 'Account',
  'nav.requests': 'Richieste',
  'nav.consents': 'Consensi',
  'nav.unreadOne': ', 1 nuova',
  'nav.unreadMany': ', {count} nuove',
  'nav.signIn': 'Accedi',
  'header.signOut': 'Esci',
  'header.signingOut': 'Uscita in corso…',
  'lang.label': 'Lingua',
  'lang.en': 'English',
  'lang.it': 'Italiano',
  'footer.text':
    'Citizen Vault conserva i tuoi documenti cifrati: il Comune li custodisce ma non può leggerli.',
  'devBanner.title': 'Modalità di sviluppo:',
  'devBanner.body':
    'questa eID è una simulazione locale, non l’identità digitale reale del Comune. Non inserire dati personali veri.',

  'common.loading': 'Caricamento…',
  'common.cancel': 'Annulla',
  'common.save': 'Salva',
  'common.retry': 'Riprova',
  'common.never': 'Mai',
  'common.eid': 'eID',

  'signIn.title': 'Accedi',
  'signIn.heading': 'Accedi a Citizen Vault',
  'signIn.intro':
    'Citizen Vault custodisce i tuoi documenti personali in un unico posto sicuro. Accedi con l’identità digitale del Comune (eID), la stessa che usi per gli altri servizi comunali. Se hai già aggiunto una passkey al tuo account, puoi usare quella: è più rapida e non richiede password.',
  'signIn.withEid': 'Accedi con {eidName}',
  'signIn.withPasskey': 'Accedi con una passkey',
  'signIn.passkeyWaiting': 'In attesa della passkey…',
  'signIn.passkeyUnsupported':
    'Questo browser non supporta le passkey. Accedi con {eidName} oppure usa un browser aggiornato.',

  'callback.title': 'Accesso in corso',
  'callback.working': 'Stiamo completando l’accesso…',
  'callback.failedHeading': 'Accesso non riuscito',
  'callback.backToSignIn': 'Torna alla pagina di accesso',

  'account.title': 'Il tuo account',
  'account.heading': 'Il tuo account',
  'account.intro':
    'Gestisci come accedi, come sblocchi la cassaforte e dove hai effettuato l’accesso.',

  'passkeys.heading': 'Passkey',
  'passkeys.intro':
    'Una passkey ti permette di accedere con l’impronta digitale, il volto, il blocco schermo o una chiave di sicurezza, invece che con l’eID. Puoi aggiungerne una per ciascun dispositivo.',
  'passkeys.empty': 'Non hai ancora aggiunto nessuna passkey.',
  'passkeys.added': 'Aggiunta',
  'passkeys.lastUsed': 'Ultimo utilizzo',
  'passkeys.backup': 'Backup',
  'passkeys.backedUp': 'Sincronizzata dal tuo gestore di passkey',
  'passkeys.notBackedUp': 'Salvata su un solo dispositivo',
  'passkeys.rename': 'Rinomina',
  'passkeys.renameLabel': 'Nuovo nome per “{name}”',
  'passkeys.remove': 'Rimuovi',
  'passkeys.removeConfirm': 'Vuoi rimuovere “{name}”? Non potrai più usarla per accedere.',
  'passkeys.removeYes': 'Sì, rimuovila',
  'passkeys.nameRequired': 'Inserisci un nome per la passkey.',
  'passkeys.addHeading': 'Aggiungi una passkey',
  'passkeys.nameLabel': 'Nome della nuova passkey',
  'passkeys.nameHint': 'Per esempio “Portatile dell’ufficio” o “Il mio telefono”. Lo vedi solo tu.',
  'passkeys.add': 'Aggiungi una passkey',
  'passkeys.adding': 'Segui le indicazioni del browser…',
  'passkeys.addedStatus': 'Passkey “{name}” aggiunta.',
  'passkeys.renamedStatus': 'Passkey rinominata in “{name}”.',
  'passkeys.removedStatus': 'Passkey “{name}” rimossa.',
  'passkeys.unsupported': 'Questo browser non può creare passkey. Prova con un browser aggiornato.',

  'sessions.heading': 'Dove hai effettuato l’accesso',
  'sessions.intro':
    'Questi sono i browser e i dispositivi collegati alla tua cassaforte. Se non ne riconosci uno, chiudi la sua sessione.',
  'sessions.thisDevice': 'Questo dispositivo',
  'sessions.unknownDevice': 'Dispositivo sconosciuto',
  'sessions.signedInWith': 'Accesso con',
  'sessions.methodPasskey': 'Passkey',
  'sessions.started': 'Iniziata',
  'sessions.lastSeen': 'Ultima attività',
  'sessions.end': 'Chiudi questa sessione',
  'sessions.endOthers': 'Chiudi tutte le altre sessioni',
  'sessions.endedStatus': 'Sessione chiusa.',
  'sessions.endedOthersNone': 'Non c’erano altre sessioni da chiudere.',
  'sessions.endedOthersOne': 'È stata chiusa 1 altra sessione.',
  'sessions.endedOthersMany': 'Sono state chiuse {count} altre sessioni.',

  'deleteAccount.heading': 'Elimina il tuo account',
  'deleteAccount.intro':
    'Eliminando l’account cancelli tutto ciò che la cassaforte conserva su di te. Non si può annullare.',
  'deleteAccount.open': 'Elimina il mio account…',
  'deleteAccount.title': 'Eliminare per sempre il tuo account?',
  'deleteAccount.whatHappens': 'Ecco esattamente che cosa succede:',
  'deleteAccount.documents':
    'Ogni documento, con tutte le sue versioni e ogni chiave che lo apre, viene eliminato. Nessuno, nemmeno il Comune, potrà recuperarlo. Se vuoi conservare i tuoi documenti, scaricali prima.',
  'deleteAccount.signIn':
    'Vengono eliminati le tue passkey, i tuoi metodi di sblocco (passkey, passphrase, kit di recupero) e tutte le sessioni, e con loro il collegamento alla tua identità eID, il tuo nome e il tuo codice fiscale. Esci da tutti i dispositivi.',
  'deleteAccount.services':
    'Le richieste a cui non hai risposto vengono eliminate e ogni consenso che hai dato termina ora: i servizi del Comune non possono più leggere nulla dalla tua cassaforte.',
  'deleteAccount.alreadyRead':
    'Ciò che un servizio del Comune ha già letto, lo conserva: eliminare l’account non lo annulla. Per farlo cancellare anche lì, chiedilo a quel servizio.',
  'deleteAccount.log':
    'Il tuo registro degli accessi resta, ma solo sotto un numero casuale che non porta più a te. Un’ultima voce registra l’eliminazione.',
  'deleteAccount.backups':
    'Le copie nei backup del Comune spariscono man mano che quei backup scadono, alla fine del periodo di conservazione indicato nell’informativa privacy del Comune.',
  'deleteAccount.receipt':
    'Ricevi una ricevuta, firmata dalla cassaforte, che dice che cosa è stato eliminato. Conservala.',
  'deleteAccount.typeLabel': 'Per confermare, digita {word}',
  'deleteAccount.word': 'ELIMINA',
  'deleteAccount.typeHint': 'Serve a evitare che qualcuno elimini l’account per errore.',
  'deleteAccount.mismatch': 'Digita esattamente {word} per confermare.',
  'deleteAccount.confirm': 'Elimina per sempre il mio account',
  'deleteAccount.deleting': 'Eliminazione in corso…',
  'deleteAccount.reauth': 'Accedi di nuovo',
  'deleteAccount.doneTitle': 'Il tuo account è stato eliminato',
  'deleteAccount.doneText':
    'Tutto ciò che era elencato non c’è più. La ricevuta è stata salvata come {file}: conservala, dimostra che cosa è stato eliminato e quando.',
  'deleteAccount.doneCounts':
    'Eliminati: {documents} documenti, {keySlots} metodi di sblocco, {passkeys} passkey. Consensi terminati: {grantsEnded}.',
  'deleteAccount.download': 'Scarica di nuovo la ricevuta',
  'deleteAccount.finish': 'Fine, esci',

  'header.lock': 'Blocca la cassaforte',

  'category.identity': 'Identità',
  'category.residence': 'Residenza',
  'category.family': 'Famiglia',
  'category.tax': 'Tasse',
  'category.health': 'Salute',
  'category.education': 'Istruzione',
  'category.work': 'Lavoro',
  'category.vehicles': 'Veicoli',
  'category.housing': 'Casa',
  'category.other': 'Altro',

  'transfer.detail': '{done} di {total} · {timeLeft}',
  'transfer.percent': '{label}: {percent}%',
  'transfer.estimating': 'calcolo del tempo rimanente…',
  'transfer.almostDone': 'quasi finito',
  'transfer.secondsLeft': 'circa {count} secondi rimanenti',
  'transfer.oneMinuteLeft': 'circa 1 minuto rimanente',
  'transfer.minutesLeft': 'circa {count} minuti rimanenti',
  'transfer.oneHourLeft': 'circa 1 ora rimanente',
  'transfer.hoursLeft': 'circa {count} ore rimanenti',

  'kit.title': 'Kit di recupero di Citizen Vault',
  'kit.madeFor': 'Per {name}, creato il {date}.',
  'kit.codeLabel': 'Il tuo codice di recupero:',
  'kit.qrLabel': 'Codice QR del tuo codice di recupero',
  'kit.noteWhat':
    'Se perdi la passkey e dimentichi la frase segreta, questo codice è l’unico modo per aprire la tua cassaforte. Senza di esso nessuno può aprirla: né tu, né il Comune.',
  'kit.noteKeep':
    'Stampa questa pagina o scrivi il codice, e conservalo in un luogo sicuro, lontano dai tuoi dispositivi. Non salvarlo in un’email o in una foto.',
  'kit.noteOnce':
    'Per usarlo, accedi a Citizen Vault e scegli “Sblocca con il codice di recupero”. Ti mostriamo questo codice solo ora.',
  'kit.print': 'Stampa il kit',
  'kit.saved': 'Ho salvato il mio kit di recupero',
  'kit.savedRequired': 'Salva il kit di recupero, poi spunta questa casella per continuare.',

  'passphrase.label': 'Frase segreta',
  'passphrase.labelOptional': 'Frase segreta (facoltativa)',
  'passphrase.hint':
    'Almeno {min} caratteri. Una breve frase che conosci solo tu è facile da ricordare e difficile da indovinare.',
  'passphrase.confirmLabel': 'Scrivi di nuovo la frase segreta',
  'passphrase.strengthTooShort': 'Troppo corta.',
  'passphrase.strengthFair': 'Sicurezza: discreta. Una frase più lunga è più sicura.',
  'passphrase.strengthGood': 'Sicurezza: buona.',
  'passphrase.strengthStrong': 'Sicurezza: ottima.',
  'passphrase.empty': 'Inserisci una frase segreta.',
  'passphrase.tooShort': 'La frase segreta deve avere almeno {min} caratteri.',
  'passphrase.mismatch': 'Le due frasi segrete non sono uguali. Scrivile di nuovo.',

  'setup.title': 'Configura la cassaforte',
  'setup.welcome': 'Ti diamo il benvenuto, {name}',
  'setup.lead':
    'Prima di salvare il tuo primo documento, configura la tua cassaforte. Bastano due minuti.',
  'setup.stepsLabel': 'Passaggi della configurazione',
  'setup.stepHeading': 'Passaggio {number} di {total}: {name}',
  'setup.stepIntro': 'Come funziona',
  'setup.stepPasskey': 'La tua passkey',
  'setup.stepRecovery': 'Il tuo kit di recupero',
  'setup.stepPassphrase': 'Una frase segreta',
  'setup.introWhat':
    'I tuoi documenti vengono cifrati in questo browser prima di essere inviati. Il Comune li conserva ma non può leggerli, nemmeno i loro nomi.',
  'setup.introHow': 'Per aprire la cassaforte ti serve una chiave che hai solo tu. Configurerai:',
  'setup.introPasskey':
    'la tua passkey (impronta, volto, blocco schermo o chiave di sicurezza), per tutti i giorni;',
  'setup.introKit':
    'un kit di recupero: un codice da stampare o scrivere, nel caso tu perda la passkey;',
  'setup.introPassphrase': 'se vuoi, anche una frase segreta.',
  'setup.introWarning':
    'Se li perdi tutti, nessuno può aprire la tua cassaforte, nemmeno il Comune. È questo che la rende privata.',
  'setup.start': 'Configura la mia cassaforte',
  'setup.preparing': 'Creazione delle tue chiavi…',
  'setup.passkeyWhy':
    'Scegli la passkey che aprirà la tua cassaforte. Il browser le chiede un segreto che non lascia mai questo dispositivo.',
  'setup.passkeyReady': 'La tua passkey è pronta ad aprire la cassaforte.',
  'setup.signedInPasskeyHeading': 'La passkey con cui hai effettuato l’accesso',
  'setup.signedInPasskeyText': 'L’hai appena usata: non devi fare altro.',
  'setup.useSignedInPasskey': 'Usa questa passkey',
  'setup.existingPasskeyHeading': 'Una passkey che hai già',
  'setup.existingPasskeyText':
    'Il browser ti chiederà di scegliere una delle tue passkey per Citizen Vault.',
  'setup.useExistingPasskey': 'Usa una delle mie passkey',
  'setup.newPasskeyHeading': 'Una nuova passkey',
  'setup.newPasskeyText': 'Viene aggiunta al tuo account, così potrai anche accedere con essa.',
  'setup.passkeyDefaultName': 'Passkey della cassaforte',
  'setup.createPasskey': 'Crea una passkey',
  'setup.passkeyWaiting': 'Segui i passaggi che mostra il browser…',
  'setup.noPrf':
    'Questa passkey non può aprire una cassaforte: il suo dispositivo o browser non offre la funzione necessaria (chiamata “PRF”). Puoi provare un’altra passkey, oppure usare una frase segreta.',
  'setup.noWebAuthn':
    'Questo browser non può usare le passkey. Puoi usare una frase segreta, oppure configurare la cassaforte più tardi con un browser aggiornato.',
  'setup.usePassphraseInstead': 'Usa una frase segreta',
  'setup.kitWhy':
    'Questo kit apre la tua cassaforte se perdi la passkey. Stampalo o scrivi il codice ora: non possiamo mostrarlo di nuovo.',
  'setup.next': 'Continua',
  'setup.back': 'Indietro',
  'setup.passphraseOptional':
    'Puoi aprire la cassaforte anche con una frase segreta, sui dispositivi dove la passkey non è disponibile. È facoltativa: lascia vuoto per saltarla.',
  'setup.passphraseRequired':
    'Poiché la tua passkey non può aprire la cassaforte, scegli una frase segreta. La scriverai per aprire la cassaforte.',
  'setup.finish': 'Completa la configurazione',
  'setup.finishing': 'Salvataggio della cassaforte…',
  'setup.finishingWithPassphrase':
    'Protezione della frase segreta e salvataggio della cassaforte… Servono alcuni secondi.',

  'unlock.title': 'Sblocca la cassaforte',
  'unlock.welcome': 'Ciao, {name}',
  'unlock.lead': 'La tua cassaforte è bloccata. Sbloccala per vedere i tuoi documenti.',
  'unlock.passkeyHeading': 'Con la passkey',
  'unlock.passkeyText': 'Usa la passkey che hai configurato per la cassaforte.',
  'unlock.withPasskey': 'Sblocca con la passkey',
  'unlock.passphraseHeading': 'Con la frase segreta',
  'unlock.passphraseLabel': 'Frase segreta',
  'unlock.withPassphrase': 'Sblocca con la frase segreta',
  'unlock.recoveryHeading': 'Con il codice di recupero',
  'unlock.recoveryText': 'Usalo se hai perso la passkey e la frase segreta.',
  'unlock.recoveryLabel': 'Codice di recupero',
  'unlock.recoveryHint':
    'Come stampato sul kit di recupero. Spazi, trattini e lettere minuscole non contano.',
  'unlock.withRecovery': 'Sblocca con il codice di recupero',
  'unlock.checking': 'Sblocco in corso…',
  'unlock.checkingPassphrase': 'Verifica della frase segreta… Servono alcuni secondi.',
  'unlock.waitingPasskey': 'In attesa della passkey…',
  'unlock.weakKdfHeading': 'Fermati: potrebbe essere un attacco',
  'unlock.weakKdfDoNotType': 'Non scrivere la tua frase segreta su questo sito né altrove.',
  'unlock.weakKdfUseOther': 'Sblocca invece con la passkey o con il kit di recupero.',
  'unlock.weakKdfContact':
    'Avvisa il Comune: il server della cassaforte potrebbe essere stato manomesso.',

  'documents.title': 'I tuoi documenti',
  'documents.heading': 'Documenti di {name}',
  'documents.lead':
    'I tuoi documenti sono cifrati in questo browser. Il Comune li conserva ma non può leggerli, nemmeno i loro nomi.',
  'documents.quota': 'Stai usando {used} di {limit}.',
  'documents.listHeading': 'I tuoi documenti',
  'documents.decrypting': 'Decifratura dell’elenco…',
  'documents.searchLabel': 'Cerca per nome',
  'documents.filterLabel': 'Categoria',
  'documents.allCategories': 'Tutte le categorie',
  'documents.countOne': '1 documento.',
  'documents.countMany': '{count} documenti.',
  'documents.shownOf': '{shown} documenti mostrati su {total}.',
  'documents.empty': 'Non hai ancora documenti. Aggiungi il primo qui sopra.',
  'documents.noMatch': 'Nessun documento corrisponde. Prova un altro nome o un’altra categoria.',
  'documents.unreadableName': 'Documento illeggibile',
  'documents.unreadable':
    'Non è stato possibile decifrare questo documento: è danneggiato, oppure è stato modificato dopo il salvataggio. Puoi eliminarlo.',
  'documents.issuedBy': 'Emesso da {issuer}',
  'documents.size': 'Dimensione',
  'documents.updated': 'Aggiornato',
  'documents.version': 'Versione',
  'documents.versionOf': '{version} (di {count})',
  'documents.preview': 'Anteprima',
  'documents.download': 'Scarica',
  'documents.downloading': 'Download e decifratura di “{name}”',
  'documents.cancelDownload': 'Annulla il download',
  'documents.downloaded': '“{name}” è stato decifrato e salvato sul tuo dispositivo.',
  'documents.noPreview': 'Nessuna anteprima per questo tipo di file: scaricalo.',
  'documents.noPreviewUnreadable': 'Non se ne può mostrare nulla.',
  'documents.newVersion': 'Nuova versione',
  'documents.newVersionLabel': 'File per la nuova versione di “{name}”',
  'documents.newVersionSubmit': 'Carica la nuova versione',
  'documents.newVersionDone': 'Nuova versione di “{name}” salvata, cifrata.',
  'documents.delete': 'Elimina',
  'documents.deleted': '“{name}” è stato eliminato.',

  'upload.heading': 'Aggiungi un documento',
  'upload.intro': 'Il file viene cifrato in questo browser prima di essere inviato.',
  'upload.fileLabel': 'File',
  'upload.fileRequired': 'Scegli un file.',
  'upload.categoryLabel': 'Categoria',
  'upload.categoryChoose': 'Scegli una categoria',
  'upload.categoryRequired': 'Scegli una categoria.',
  'upload.submit': 'Cifra e carica',
  'upload.progressLabel': 'Cifratura e caricamento di “{name}”',
  'upload.cancel': 'Annulla il caricamento',
  'upload.cancelled': 'Caricamento annullato. Non ne è stato conservato nulla.',
  'upload.done': '“{name}” è salvato, cifrato.',

  'preview.loading': 'Decifratura di “{name}”',
  'preview.imageAlt': 'Anteprima di {name}',
  'preview.pdfTitle': 'Anteprima di {name}',
  'preview.close': 'Chiudi l’anteprima',

  'delete.title': 'Eliminare “{name}”?',
  'delete.explain':
    'Il documento, tutte le sue versioni e ogni copia della sua chiave vengono eliminati da Citizen Vault, comprese le copie condivise con un servizio del Comune.',
  'delete.permanent': 'Non si può annullare: nessuno, nemmeno il Comune, potrà recuperarlo.',
  'delete.confirm': 'Sì, eliminalo per sempre',

  'slots.heading': 'Modi per sbloccare la cassaforte',
  'slots.intro':
    'La cassaforte si apre con uno qualsiasi di questi. Tienine almeno due, così perderne uno non ti chiude fuori.',
  'slots.notEnrolled': 'La tua cassaforte non è ancora configurata.',
  'slots.setUpLink': 'Configurala ora',
  'slots.kindPasskey': 'Passkey',
  'slots.kindPassphrase': 'Frase segreta',
  'slots.kindRecovery': 'Kit di recupero',
  'slots.added': 'Aggiunto',
  'slots.remove': 'Rimuovi',
  'slots.removeConfirm.passkey':
    'Rimuovere questa passkey come modo di sblocco? Potrai ancora accedere con essa, ma non aprirà più la cassaforte.',
  'slots.removeConfirm.passphrase': 'Rimuovere questa frase segreta? Non aprirà più la cassaforte.',
  'slots.removeConfirm.recovery':
    'Rimuovere questo kit di recupero? Il suo codice non aprirà più la cassaforte.',
  'slots.removeYes': 'Sì, rimuovilo',
  'slots.removed': 'Rimosso. Non apre più la cassaforte.',
  'slots.lastHint':
    'È il tuo unico modo di sblocco, quindi non si può rimuovere. Aggiungine prima un altro.',
  'slots.lockedHint':
    'Per aggiungere un modo di sblocco o sostituire il kit di recupero, sblocca prima la cassaforte.',
  'slots.unlockLink': 'Sblocca la cassaforte',
  'slots.addPasskey': 'Aggiungi una passkey',
  'slots.passkeyWaiting': 'Segui i passaggi che mostra il browser…',
  'slots.passkeyAdded': 'Passkey aggiunta: ora apre anche la cassaforte.',
  'slots.addPassphrase': 'Aggiungi una frase segreta',
  'slots.addPassphraseHeading': 'Aggiungi una frase segreta',
  'slots.addPassphraseText': 'Potrai aprire la cassaforte scrivendola.',
  'slots.addPassphraseSubmit': 'Salva la frase segreta',
  'slots.passphraseWorking': 'Protezione della frase segreta… Servono alcuni secondi.',
  'slots.passphraseAdded': 'Frase segreta aggiunta.',
  'slots.replaceRecovery': 'Sostituisci il kit di recupero',
  'slots.replaceRecoveryHeading': 'Un nuovo kit di recupero',
  'slots.replaceRecoveryText':
    'Ecco il tuo nuovo kit. Quando confermi, sostituisce il vecchio: il vecchio codice smette di funzionare.',
  'slots.replaceRecoveryConfirm': 'Sostituisci il mio kit di recupero',
  'slots.recoveryReplaced': 'Kit di recupero sostituito. Il vecchio codice non funziona più.',

  'accessLog.title': 'Registro degli accessi',
  'accessLog.heading': 'Il tuo registro degli accessi',
  'accessLog.lead':
    'Ogni volta che i tuoi dati vengono usati, da te, da un servizio del Comune, da un operatore del Comune o dalla cassaforte stessa, una voce si aggiunge al registro degli accessi del Comune. Il tuo browser verifica quel registro con la matematica: non devi fidarti della parola del Comune.',
  'accessLog.checking': 'Verifica del registro degli accessi…',
  'accessLog.statusHeading': 'Il registro è autentico?',
  'accessLog.verifiedOne':
    'Verificato: la tua unica voce è nel registro del Comune, checkpoint n. {size}, firmato da {keyName} (chiave {keyId}).',
  'accessLog.verifiedMany':
    'Verificato: tutte le {count} voci sono nel registro del Comune, checkpoint n. {size}, firmato da {keyName} (chiave {keyId}).',
  'accessLog.verifiedNone':
    'Verificato: il checkpoint n. {size} del registro del Comune è firmato da {keyName} (chiave {keyId}). Non contiene ancora nessuna tua voce.',
  'accessLog.consistentWith':
    'Coerente con quanto hai visto il {date} alle {time}: niente di ciò che allora era nel registro è stato modificato o tolto.',
  'accessLog.firstCheck':
    'Questa è la prima verifica in questo browser. D’ora in poi ogni visita verifica anche che il registro non sia stato riscritto o riportato indietro dalla visita precedente.',
  'accessLog.pendingOne':
    '1 voce più recente non è ancora firmata nel registro (il Comune firma circa ogni secondo). Sarà verificata tra un momento.',
  'accessLog.pendingMany':
    '{count} voci più recenti non sono ancora firmate nel registro (il Comune firma circa ogni secondo). Saranno verificate tra un momento.',
  'accessLog.pendingStalled':
    'Alcune voci aspettano da più di un minuto: il registro del Comune potrebbe aver smesso di firmare. Verifica di nuovo più tardi; se continua, contatta il responsabile della protezione dei dati (RPD) del Comune.',
  'accessLog.notKept':
    'Questo browser non ha potuto conservare traccia di questa verifica (la memoria è disattivata o piena): alla prossima visita non potrà capire se nel frattempo il registro è tornato indietro.',
  'accessLog.noCheckpoint':
    'Il registro del Comune non ha ancora firmato il primo checkpoint. Le tue voci saranno verificate tra un momento.',
  'accessLog.checkedAt': 'Ultima verifica alle {time}.',
  'accessLog.checkAgain': 'Verifica di nuovo',
  'accessLog.alarm.heading.log-key-changed':
    'Attenzione: la chiave del registro del Comune è cambiata',
  'accessLog.alarm.text.log-key-changed':
    'Il registro degli accessi ora è firmato con un’altra chiave, o con un altro nome, rispetto a quella che il tuo browser ha verificato il {trustedDate}. Se il Comune ha annunciato una nuova chiave, confrontala con quella qui sotto. Se non l’ha fatto, qualcuno potrebbe mostrarti un registro che non è quello del Comune.',
  'accessLog.alarm.heading.bad-checkpoint': 'Attenzione: la firma del registro non è valida',
  'accessLog.alarm.text.bad-checkpoint':
    'Il checkpoint inviato dalla cassaforte non è firmato con la chiave del registro del Comune, oppure appartiene a un altro registro. Non è affidabile, e nemmeno lo sono le voci mostrate con esso.',
  'accessLog.alarm.heading.rollback': 'Attenzione: il registro è tornato indietro nel tempo',
  'accessLog.alarm.text.rollback':
    'Il {trustedDate} il tuo browser ha verificato il registro quando aveva {trustedSize} voci. Ora la cassaforte mostra un registro di {size} voci, oppure un registro diverso della stessa dimensione. Un registro può solo crescere: alcune voci sono state tolte, oppure ti viene mostrata una copia più vecchia o diversa.',
  'accessLog.alarm.heading.inconsistent': 'Attenzione: il registro è stato riscritto',
  'accessLog.alarm.text.inconsistent':
    'Il registro di oggi ({size} voci) non è la continuazione di quello che il tuo browser ha verificato il {trustedDate} ({trustedSize} voci): voci che c’erano già sono state modificate, tolte o spostate.',
  'accessLog.alarm.heading.entry-missing': 'Attenzione: una delle tue voci è scomparsa',
  'accessLog.alarm.text.entry-missing':
    'La voce n. {index}, che il tuo browser ha verificato il {trustedDate}, non è più nel tuo registro.',
  'accessLog.alarm.heading.entry-changed': 'Attenzione: una delle tue voci è stata modificata',
  'accessLog.alarm.text.entry-changed':
    'La voce n. {index} ora dice qualcosa di diverso da ciò che il tuo browser ha verificato il {trustedDate}.',
  'accessLog.alarm.heading.not-included': 'Attenzione: una voce non è nel registro del Comune',
  'accessLog.alarm.text.not-included':
    'La voce n. {index} del tuo elenco non fa parte del registro firmato: è stata modificata, o aggiunta fuori dal registro.',
  'accessLog.alarm.meaning':
    'Non succede per caso: la traccia di chi ha usato i tuoi dati potrebbe essere stata manomessa.',
  'accessLog.alarm.whatToDo': 'Cosa fare',
  'accessLog.alarm.step1':
    'Non cancellare nulla. Salva le prove trovate dal tuo browser e una copia del tuo registro degli accessi (pulsanti qui sotto), e conserva entrambi i file.',
  'accessLog.alarm.step2':
    'Contatta il responsabile della protezione dei dati (RPD) del Comune, inviagli entrambi i file e riferisci cosa dice questo messaggio.',
  'accessLog.alarm.step3':
    'I tuoi documenti restano cifrati: nessuno può leggerli senza la tua chiave.',
  'accessLog.alarm.saveEvidence': 'Salva le prove',
  'accessLog.alarm.evidenceSaved': 'Le prove sono state salvate come {file}.',
  'accessLog.entryFailed': 'Questa voce non ha superato la verifica',
  'accessLog.chartHeading': 'Accessi nel tempo',
  'accessLog.chartCaptionDay': 'Voci al giorno, per chi le ha fatte',
  'accessLog.chartCaptionMonth': 'Voci al mese, per chi le ha fatte',
  'accessLog.chartSummary':
    'Dal {from} al {to}: {resident} da te, {service} dai servizi del Comune, {operator} dagli operatori del Comune, {system} dalla cassaforte.',
  'accessLog.chartTable': 'Mostra i numeri in una tabella',
  'accessLog.chartPeriod': 'Periodo',
  'accessLog.chartTotal': 'Totale',
  'accessLog.chartEmpty': 'Nessuna voce da mostrare nel grafico.',
  'accessLog.who.resident': 'Tu',
  'accessLog.who.service': 'Servizi del Comune',
  'accessLog.who.operator': 'Operatori del Comune',
  'accessLog.who.system': 'La cassaforte',
  'accessLog.actorKind.resident': 'Qualcuno che ha effettuato l’accesso come te',
  'accessLog.actorKind.service': 'Un servizio del Comune',
  'accessLog.actorKind.operator': 'Un operatore del Comune',
  'accessLog.actorKind.system': 'La cassaforte',
  'accessLog.filterWho': 'Chi',
  'accessLog.filterWhoAll': 'Chiunque',
  'accessLog.filterAction': 'Cosa',
  'accessLog.filterActionAll': 'Qualsiasi cosa',
  'accessLog.filterDocument': 'Documento',
  'accessLog.filterDocumentAll': 'Qualsiasi documento',
  'accessLog.filterFrom': 'Dal',
  'accessLog.filterTo': 'Al',
  'accessLog.clearFilters': 'Togli i filtri',
  'accessLog.timelineHeading': 'Cosa è successo',
  'accessLog.countOne': '1 voce.',
  'accessLog.countMany': '{count} voci.',
  'accessLog.shownOf': 'Sono mostrate {shown} voci su {total}.',
  'accessLog.empty': 'Il tuo registro non ha ancora voci.',
  'accessLog.noMatch': 'Nessuna voce corrisponde a questi filtri.',
  'accessLog.showMore': 'Mostra altre voci',
  'accessLog.entryNumber': 'Voce n. {index}',
  'accessLog.status.verified': 'Verificata',
  'accessLog.status.pending': 'Non ancora firmata',
  'accessLog.status.unverified': 'Non verificata',
  'accessLog.purpose': 'Finalità: {purpose}',
  'accessLog.legalBasis': 'Base giuridica: {basis}',
  'accessLog.outcome.denied': 'Rifiutato',
  'accessLog.outcome.failed': 'Non riuscito',
  'accessLog.unreadableEntry':
    'Una voce che questa versione di Citizen Vault non sa mostrare (è stata comunque verificata).',
  'accessLog.sentence': '{what} il {date} alle {time}.',
  'accessLog.document.named': 'il tuo documento “{name}”',
  'accessLog.document.category': 'il tuo documento della categoria {category}',
  'accessLog.document.unknown': 'un documento',
  'accessLog.method.eid': 'l’eID',
  'accessLog.method.passkey': 'una passkey',
  'accessLog.method.other': 'un altro metodo',
  'accessLog.failedSignIn':
    'Qualcuno ha provato ad accedere al tuo account con {method} ed è stato respinto',
  'accessLog.you.sign-in': 'Hai effettuato l’accesso con {method}',
  'accessLog.you.passkey.added': 'Hai aggiunto una passkey',
  'accessLog.you.passkey.renamed': 'Hai rinominato una passkey',
  'accessLog.you.passkey.removed': 'Hai rimosso una passkey',
  'accessLog.you.vault.enrolled': 'Hai configurato la tua cassaforte',
  'accessLog.you.key-slot.added': 'Hai aggiunto un modo per sbloccare la cassaforte',
  'accessLog.you.key-slot.removed': 'Hai rimosso un modo per sbloccare la cassaforte',
  'accessLog.you.recovery-kit.replaced': 'Hai sostituito il kit di recupero',
  'accessLog.you.document.uploaded': 'Hai caricato {document}',
  'accessLog.you.document.version-added': 'Hai aggiornato {document} con una nuova versione',
  'accessLog.you.document.read': 'Hai scaricato {document}',
  'accessLog.you.document.previewed': 'Hai visualizzato in anteprima {document}',
  'accessLog.you.document.deleted': 'Hai eliminato {document}',
  'accessLog.you.log.exported': 'Hai scaricato una copia del tuo registro degli accessi',
  'accessLog.you.other': 'Tu: {action}',
  'accessLog.other.document.read': '{actor} ha letto {document}',
  'accessLog.other.document.previewed': '{actor} ha visualizzato {document}',
  'accessLog.other.document.uploaded': '{actor} ha messo {document} nella tua cassaforte',
  'accessLog.other.document.deleted': '{actor} ha eliminato {document}',
  'accessLog.other.generic': '{actor}: {action}',
  'accessLog.other.genericDocument': '{actor}: {action}, {document}',
  'accessLog.actionName.sign-in': 'Accesso',
  'accessLog.actionName.sign-in.failed': 'Accesso non riuscito',
  'accessLog.actionName.passkey.added': 'Passkey aggiunta',
  'accessLog.actionName.passkey.renamed': 'Passkey rinominata',
  'accessLog.actionName.passkey.removed': 'Passkey rimossa',
  'accessLog.actionName.vault.enrolled': 'Cassaforte configurata',
  'accessLog.actionName.key-slot.added': 'Modo di sblocco aggiunto',
  'accessLog.actionName.key-slot.removed': 'Modo di sblocco rimosso',
  'accessLog.actionName.recovery-kit.replaced': 'Kit di recupero sostituito',
  'accessLog.actionName.document.uploaded': 'Caricamento',
  'accessLog.actionName.document.version-added': 'Nuova versione',
  'accessLog.actionName.document.read': 'Download o lettura',
  'accessLog.actionName.document.previewed': 'Anteprima',
  'accessLog.actionName.document.deleted': 'Eliminazione',
  'accessLog.actionName.log.exported': 'Copia del registro',
  'accessLog.you.request.refused': 'Hai rifiutato una richiesta dei tuoi documenti',
  'accessLog.you.grant.created':
    'Hai dato a un servizio del Comune il consenso a leggere i tuoi documenti',
  'accessLog.you.grant.revoked': 'Hai revocato un consenso',
  'accessLog.you.grant.keys-added': 'Hai condiviso nuovi documenti con un consenso permanente',
  'accessLog.other.request.created': '{actor} ha chiesto i tuoi documenti',
  'accessLog.other.access.denied': '{actor} ha cercato di leggere {document} ed è stato respinto',
  'accessLog.other.document.deposited': '{actor} ha rilasciato {document} nel tuo vault',
  'accessLog.other.grant.expired':
    'Un consenso che hai dato è arrivato alla scadenza ed è terminato',
  'accessLog.actionName.request.created': 'Richiesta di un servizio',
  'accessLog.actionName.request.refused': 'Richiesta rifiutata',
  'accessLog.actionName.access.denied': 'Lettura respinta',
  'accessLog.actionName.document.deposited': 'Documento rilasciato a te',
  'accessLog.actionName.grant.created': 'Consenso dato',
  'accessLog.actionName.grant.revoked': 'Consenso revocato',
  'accessLog.actionName.grant.expired': 'Consenso terminato',
  'accessLog.actionName.grant.keys-added': 'Documenti aggiunti a un consenso',
  'accessLog.actionName.account.deleted': 'Account eliminato',
  'accessLog.you.account.deleted': 'Hai eliminato il tuo account',
  'accessLog.grant': 'In base al tuo consenso {id} (vedi Consensi)',
  'accessLog.keyHeading': 'La chiave del registro del Comune',
  'accessLog.keyText':
    'Il tuo browser verifica ogni checkpoint con questa chiave. Confrontala con la chiave pubblicata dal Comune: se non sono uguali, il registro che vedi non è quello del Comune.',
  'accessLog.exportHeading': 'Conserva una copia',
  'accessLog.exportText':
    'Scarica in un solo file le tue voci, le loro prove e il checkpoint firmato. Chiunque potrà verificarlo in seguito senza la cassaforte, per esempio con il verificatore a riga di comando del Comune. Anche la copia viene registrata nel tuo registro.',
  'accessLog.export': 'Scarica il mio registro degli accessi',
  'accessLog.exporting': 'Preparazione del registro degli accessi…',
  'accessLog.exported': 'Il tuo registro degli accessi è stato salvato come {file}.',

  'exportAll.heading': 'Esporta tutto',
  'exportAll.text':
    "Scarica un unico archivio (un file ZIP) con tutti i tuoi documenti e le loro versioni precedenti, decifrati, i loro dettagli, le ricevute dei tuoi consensi e il tuo registro degli accessi con le prove che permettono a chiunque di verificarlo. L'archivio viene creato qui, nel tuo browser: il Comune non vede mai i tuoi documenti in chiaro.",
  'exportAll.warning':
    "I documenti nell'archivio non sono cifrati. Conservalo in un posto sicuro e cancellalo quando non ti serve più.",
  'exportAll.button': 'Esporta tutto',
  'exportAll.exporting': 'Esportazione in corso…',
  'exportAll.cancel': "Interrompi l'esportazione",
  'exportAll.cancelled': "L'esportazione è stata interrotta. Non è stato salvato nulla.",
  'exportAll.locked': 'Per esportare i tuoi documenti, prima sblocca la cassaforte.',
  'exportAll.unlockLink': 'Sblocca la cassaforte',
  'exportAll.notEnrolled':
    'La tua cassaforte non è ancora configurata, quindi non c’è nulla da esportare.',
  'exportAll.progressLabel': 'Creazione del tuo archivio',
  'exportAll.percent': 'Creazione del tuo archivio: {percent}% completato',
  'exportAll.step.listing': 'Ricerca dei tuoi documenti…',
  'exportAll.step.document': 'Decifratura di “{name}” (file {index} di {count})…',
  'exportAll.step.receipts': 'Aggiunta delle ricevute dei consensi…',
  'exportAll.step.log': 'Aggiunta del registro degli accessi e delle sue prove…',
  'exportAll.step.packing': "Composizione dell'archivio…",
  'exportAll.done': 'Il tuo archivio è stato salvato come {file}.',
  'exportAll.doneWithout':
    "Il tuo archivio è stato salvato come {file}, senza {count} file che non è stato possibile decifrare. README.txt e metadata.json nell'archivio li elencano.",
  'exportAll.unreadableTitle': 'Non è stato possibile decifrare un documento',
  'exportAll.unreadable':
    "Non è stato possibile decifrare “{name}” (versione {version}), quindi non è stato salvato alcun archivio. Riprova: se non riesce di nuovo, la copia conservata è danneggiata. Puoi esportare tutto il resto senza di esso (l'archivio lo indicherà come mancante) e caricare di nuovo il file, se lo hai ancora.",
  'exportAll.unnamed': 'un documento il cui nome non è leggibile',
  'exportAll.retry': 'Riprova',
  'exportAll.exportWithout': 'Esporta tutto il resto',
  'exportAll.readme.title': 'Citizen Vault: tutto ciò che conservi nella tua cassaforte',
  'exportAll.readme.madeOn': 'Creato il {date} dalla cassaforte di {vault}.',
  'exportAll.readme.counts':
    'Contiene {versions} file di {documents} documenti, {consents} ricevute di consenso e {entries} voci del registro degli accessi. Le sue parti:',
  'exportAll.readme.documents':
    'I tuoi documenti, decifrati, con i loro nomi. Dove due avevano lo stesso nome è stato aggiunto un numero, per esempio “scansione (2).pdf”. I caratteri che alcuni computer non ammettono nei nomi sono stati sostituiti con “_”.',
  'exportAll.readme.olderVersions':
    'Le versioni precedenti dei documenti che hai sostituito con una nuova versione, con il nome “nome (version N)”.',
  'exportAll.readme.metadata':
    'I dettagli di ogni documento e versione: titolo, note, categoria, date, dimensione e, se c’è, il servizio comunale che lo ha emesso. Anche i tuoi consensi: il servizio, la finalità, la base giuridica e le date.',
  'exportAll.readme.consents':
    'Le ricevute dei tuoi consensi: ognuna contiene la ricevuta che hai firmato (un JWS), la controfirma della cassaforte e la chiave della cassaforte per verificarla.',
  'exportAll.readme.accessLog':
    'Il tuo registro degli accessi: ogni uso registrato dei tuoi dati, con le prove e il checkpoint firmato che permettono a chiunque di verificarlo senza chiedere al Comune. Con il software Citizen Vault, verificalo con:',
  'exportAll.readme.thisArchive': 'questo archivio',
  'exportAll.readme.publishedKey': 'la chiave pubblicata dal Comune',
  'exportAll.readme.version': 'versione {version}',
  'exportAll.readme.unreadable':
    'Mancanti: non è stato possibile decifrare {count} file, quindi non sono in questo archivio:',
  'exportAll.readme.keepSafe':
    'I documenti in questo archivio non sono cifrati: conservalo in un posto sicuro e cancellalo quando non ti serve più.',

  'notice.read': '{service} ha letto {document} alle {time}, con il tuo consenso per “{purpose}”.',
  'notice.readNoPurpose': '{service} ha letto {document} alle {time}.',
  'notice.deposited': '{service} ha messo un nuovo documento nella tua cassaforte: {document}.',
  'notice.request': '{service} ti ha inviato una richiesta. Apri Richieste per rispondere.',
  'notice.standingOne':
    'Il tuo consenso continuativo per {service} ora comprende anche 1 nuovo documento, come hai deciso.',
  'notice.standingMany':
    'Il tuo consenso continuativo per {service} ora comprende anche {count} nuovi documenti, come hai deciso.',
  'notice.standingFailed':
    'Non è stato possibile condividere i nuovi documenti previsti dai tuoi consensi continuativi. Si riproverà la prossima volta che sblocchi la cassaforte.',
  'notice.dismiss': 'Chiudi',

  'legalBasis.consent': 'perché tu sei d’accordo (GDPR art. 6(1)(a))',
  'legalBasis.contract':
    'per eseguire un contratto che hai con loro, o per prepararne uno che hai chiesto tu (GDPR art. 6(1)(b))',
  'legalBasis.legal-obligation': 'perché una legge li obbliga (GDPR art. 6(1)(c))',
  'legalBasis.vital-interests':
    'per proteggere la tua vita o la tua salute, o quella di un’altra persona (GDPR art. 6(1)(d))',
  'legalBasis.public-task':
    'per svolgere un compito di interesse pubblico o un dovere d’ufficio (GDPR art. 6(1)(e))',
  'legalBasis.legitimate-interests':
    'per un loro interesse legittimo che non prevale sui tuoi diritti (GDPR art. 6(1)(f))',

  'requests.title': 'Richieste',
  'requests.heading': 'Richieste dei servizi comunali',
  'requests.lead':
    'Qui i servizi comunali chiedono documenti della tua cassaforte. Nulla viene condiviso finché non dici di sì, e scegli tu quali documenti e fino a quando.',
  'requests.loading': 'Caricamento delle richieste…',
  'requests.waitingHeading': 'In attesa della tua risposta',
  'requests.waitingNone': 'Nessuna richiesta attende la tua risposta.',
  'requests.waitingOne': '1 richiesta attende la tua risposta.',
  'requests.waitingMany': '{count} richieste attendono la tua risposta.',
  'requests.answeredHeading': 'Con risposta o chiuse',
  'requests.answeredNone': 'Ancora nessuna richiesta.',
  'requests.openRequest': 'apri la richiesta',
  'requests.new': 'Nuova',
  'requests.status.pending': 'In attesa della tua risposta',
  'requests.status.approved': 'Hai detto sì',
  'requests.status.refused': 'Hai detto no',
  'requests.status.expired': 'Senza risposta in tempo',
  'requests.status.withdrawn': 'Ritirata dal servizio',

  'request.title': 'Richiesta',
  'request.loading': 'Caricamento della richiesta…',
  'request.backToInbox': 'Torna a tutte le richieste',
  'request.heading': '{service} chiede i tuoi documenti',
  'request.who': 'Chi lo chiede',
  'request.what': 'Che cosa chiede',
  'request.whatText': 'I tuoi documenti di questi tipi: {categories}',
  'request.why': 'Perché',
  'request.law': 'In base a quale legge',
  'request.lawText': 'Dice che gli servono {basis}.',
  'request.keep': 'Per quanto tempo li conserva',
  'request.keepNone': 'Non conserva ciò che legge.',
  'request.keepOne': 'Fino a 1 giorno dopo averli letti.',
  'request.keepDays': 'Fino a {days} giorni dopo averli letti.',
  'request.answerBy': 'Rispondi entro',
  'request.dateAtTime': '{date} alle {time}',
  'request.answeredOn': 'Risposta data il',
  'request.matchingHeading': 'I tuoi documenti che corrispondono',
  'request.matchingNone': 'Nella tua cassaforte non ci sono documenti di questi tipi.',
  'request.approvedText':
    'Hai accettato di condividere documenti con {service}. Puoi vedere o revocare questo consenso nella pagina Consensi.',
  'request.refusedText':
    'Hai rifiutato questa richiesta. {service} non ha ricevuto nessun documento.',
  'request.withdrawnText': '{service} ha ritirato questa richiesta. Non è stato condiviso nulla.',
  'request.expiredText':
    'Questa richiesta non ha avuto risposta in tempo, quindi non è stato condiviso nulla. {service} può inviare una nuova richiesta.',
  'request.seeConsents': 'Vedi i tuoi consensi',
  'request.approved': 'Fatto: {service} ora può leggere i documenti che hai scelto.',
  'request.refused': 'Fatto: hai rifiutato la richiesta di {service}.',

  'answer.heading': 'La tua risposta',
  'answer.intro':
    'Scegli che cosa può leggere {service} e fino a quando. Puoi revocare il consenso in qualsiasi momento.',
  'answer.chooseLegend': 'Quali documenti condividere',
  'answer.noDocuments': 'Non hai ancora documenti che corrispondono.',
  'answer.standing':
    'Condividi anche i documenti di questi tipi ({categories}) che aggiungerò, fino alla data qui sotto',
  'answer.chooseError':
    'Scegli almeno un documento da condividere, oppure scegli di condividere i documenti che aggiungerai.',
  'answer.until': 'Condividi fino al',
  'answer.untilHint':
    'Al massimo {days} giorni da oggi. Dopo questa data il servizio non potrà più leggerli.',
  'answer.untilError': 'Scegli una data dal {min} al {max}.',
  'answer.review': 'Controlla e condividi…',
  'answer.refuse': 'Rifiuta…',

  'approve.title': 'Condividere con {service}?',
  'approve.summary': '{service} potrà leggere:',
  'approve.standingItem':
    'ogni documento di questi tipi che aggiungerai fino al {date}: {categories}',
  'approve.with': 'Con',
  'approve.for': 'Per',
  'approve.until': 'Fino al',
  'approve.cannotUnread':
    'Ciò che {service} legge non si può cancellare: revocare il consenso in seguito impedisce altre letture, ma non annulla ciò che è già stato letto.',
  'approve.revokeHint':
    'Ogni lettura viene registrata nel tuo registro degli accessi. Il tuo browser firma una ricevuta di questo consenso, che puoi scaricare.',
  'approve.sharing': 'Condivisione in corso…',
  'approve.confirm': 'Condividi',

  'refuse.title': 'Rifiutare la richiesta di {service}?',
  'refuse.explain':
    '{service} non riceverà nessuno dei tuoi documenti per questa richiesta. Potrà chiederli di nuovo con una nuova richiesta.',
  'refuse.confirm': 'Rifiuta',

  'consents.title': 'Consensi',
  'consents.heading': 'I tuoi consensi',
  'consents.lead':
    'Questi sono i servizi comunali a cui hai permesso di leggere alcuni tuoi documenti. Puoi revocare un consenso in qualsiasi momento: da quel momento il servizio non può più leggerli. Ciò che ha già letto non si può riprendere.',
  'consents.loading': 'Caricamento dei consensi…',
  'consents.activeHeading': 'Attivi',
  'consents.activeNone': 'Al momento nessun servizio comunale può leggere i tuoi documenti.',
  'consents.expiredHeading': 'Scaduti',
  'consents.expiredNone': 'Nessun consenso è scaduto.',
  'consents.revokedHeading': 'Revocati',
  'consents.revokedNone': 'Non hai revocato nessun consenso.',
  'consents.revoked':
    'Hai revocato il consenso per {service}. Non può più leggere i tuoi documenti.',
  'consents.receiptSaved': 'La ricevuta è stata salvata come {file}.',
  'consents.status.active': 'Attivo',
  'consents.status.expired': 'Scaduto',
  'consents.status.revoked': 'Revocato',
  'consents.standingChip': 'Comprende i nuovi documenti',
  'consents.purpose': 'Finalità',
  'consents.law': 'In base a quale legge',
  'consents.documents': 'Documenti condivisi',
  'consents.documentsNoneYet': 'Ancora nessuno.',
  'consents.documentsEnded': 'Nessuno: le chiavi del servizio sono state cancellate.',
  'consents.standingText':
    'Vengono condivisi anche i nuovi documenti di questi tipi: {categories}.',
  'consents.when': 'Fino a quando',
  'consents.until': 'Fino al {date}',
  'consents.expiredOn': 'Terminato il {date}',
  'consents.revokedOn': 'Revocato il {date}',
  'consents.given': 'Dato il',
  'consents.revoke': 'Revoca il consenso',
  'consents.receipt': 'Scarica la ricevuta',

  'revoke.title': 'Revocare il consenso per {service}?',
  'revoke.explain': 'Da ora in poi {service} non potrà più leggere questi documenti.',
  'revoke.cannotUndo': 'Ciò che ha già letto non si può riprendere.',
  'revoke.confirm': 'Revoca il consenso',

  'notFound.title': 'Pagina non trovata',
  'notFound.text':
    'A questo indirizzo non c’è nulla. Controlla il link oppure vai alla pagina iniziale.',
  'notFound.home': 'Vai alla pagina iniziale',

  'routeError.title': 'Si è verificato un errore',
  'routeError.text':
    'Non è stato possibile mostrare questa pagina. Ricaricala; se non basta, riprova più tardi.',
  'routeError.reload': 'Ricarica la pagina',

  'errors.generic':
    'Qualcosa non ha funzionato. Riprova; se il problema continua, riprova più tardi.',
  'errors.ERR_BAD_REQUEST': 'La richiesta non era corretta. Ricarica la pagina e riprova.',
  'errors.ERR_VALIDATION': 'Alcuni dati inseriti non sono validi. Controllali e riprova.',
  'errors.ERR_MALFORMED_JSON': 'La richiesta non era leggibile. Ricarica la pagina e riprova.',
  'errors.ERR_PAYLOAD_TOO_LARGE':
    'Quello che hai inviato è troppo grande. Prova con qualcosa di più piccolo.',
  'errors.ERR_UNSUPPORTED_MEDIA_TYPE':
    'La richiesta aveva un formato non previsto. Ricarica la pagina e riprova.',
  'errors.ERR_CSRF':
    'Per sicurezza abbiamo bloccato la richiesta, perché non sembrava provenire da questo sito. Ricarica la pagina e riprova.',
  'errors.ERR_RATE_LIMITED': 'Troppi tentativi. Aspetta un minuto e riprova.',
  'errors.ERR_REQUEST_TIMEOUT':
    'La connessione era troppo lenta e la richiesta è durata troppo. Controlla la connessione, poi riprova.',
  'errors.ERR_HEADERS_TOO_LARGE':
    'La richiesta era troppo grande da leggere. Ricarica la pagina, poi riprova.',
  'errors.ERR_SERVICE_QUOTA_EXCEEDED':
    'Questo servizio del Comune ha fatto troppe richieste. Può riprovare tra poco.',
  'errors.ERR_UNAUTHENTICATED':
    'Non hai effettuato l’accesso, oppure la sessione è terminata. Accedi di nuovo.',
  'errors.ERR_NOT_FOUND':
    'Non abbiamo trovato quello che cercavi: forse è stato rimosso. Ricarica la pagina.',
  'errors.ERR_CONFLICT': 'Nel frattempo qualcosa è cambiato. Ricarica la pagina e riprova.',
  'errors.ERR_INTERNAL': 'Si è verificato un problema da parte nostra. Riprova tra qualche minuto.',
  'errors.ERR_NOT_READY': 'Citizen Vault si sta avviando. Riprova tra un momento.',
  'errors.ERR_STORAGE_FULL':
    'Lo spazio di archiviazione della cassaforte è esaurito, quindi questa operazione non è stata salvata. Tutto ciò che hai salvato prima è al sicuro. Riprova più tardi; se succede ancora, contatta il Comune.',
  'errors.ERR_EID_UNAVAILABLE':
    'Il servizio eID non è disponibile in questo momento. Riprova più tardi oppure accedi con una passkey.',
  'errors.ERR_EID_NO_TRANSACTION':
    'Questo accesso è scaduto o è già stato usato. Ricomincia l’accesso.',
  'errors.ERR_EID_STATE_MISMATCH':
    'Non siamo riusciti ad abbinare questo accesso a uno avviato in questo browser. Ricomincia l’accesso da qui.',
  'errors.ERR_EID_SIGN_IN_FAILED': 'L’accesso con l’eID non è riuscito. Ricomincia l’accesso.',
  'errors.ERR_EID_PROVIDER_ERROR':
    'Il servizio eID ha interrotto l’accesso (forse l’hai annullato). Ricomincia l’accesso.',
  'errors.ERR_PASSKEY_CHALLENGE': 'La richiesta della passkey è scaduta. Riprova.',
  'errors.ERR_PASSKEY_VERIFICATION_FAILED':
    'Non siamo riusciti a verificare la passkey. Riprova oppure accedi con l’eID.',
  'errors.ERR_PASSKEY_UNKNOWN_CREDENTIAL':
    'Questa passkey non è registrata su Citizen Vault (forse è stata rimossa). Accedi con l’eID, poi aggiungi una passkey dalla pagina del tuo account.',
  'errors.ERR_PASSKEY_COUNTER':
    'Questa passkey ha dato una risposta inattesa e potrebbe essere stata copiata. Accedi con l’eID e controlla le tue passkey.',
  'errors.ERR_PASSKEY_ALREADY_REGISTERED':
    'Questa passkey è già registrata nel tuo account. Usa un altro dispositivo o un’altra chiave di sicurezza.',
  'errors.ERR_PASSKEY_PRF_LEAKED':
    'Il browser ha inviato dati che devono restare sul tuo dispositivo, quindi ci siamo fermati. Aggiorna il browser e riprova.',
  'errors.ERR_PASSKEY_NOT_FOUND': 'Questa passkey non esiste più. Ricarica la pagina.',
  'errors.ERR_LAST_SIGN_IN_METHOD':
    'Non puoi rimuovere il tuo ultimo modo per accedere. Aggiungine prima un altro.',
  'errors.ERR_SESSION_NOT_FOUND':
    'Questa sessione è già stata chiusa. Ricarica la pagina per vedere l’elenco aggiornato.',
  'errors.ERR_NOT_ENROLLED':
    'La tua cassaforte non è ancora configurata. Vai alla pagina iniziale per configurarla.',
  'errors.ERR_ALREADY_ENROLLED':
    'La tua cassaforte è già configurata (forse in un’altra scheda). Ricarica la pagina per sbloccarla.',
  'errors.ERR_SLOT_NOT_FOUND':
    'Questo metodo di sblocco non esiste più. Ricarica la pagina per vedere l’elenco aggiornato.',
  'errors.ERR_LAST_KEY_SLOT':
    'Non puoi rimuovere l’ultimo metodo per sbloccare la cassaforte. Aggiungine prima un altro.',
  'errors.ERR_DOCUMENT_NOT_FOUND':
    'Non abbiamo trovato questo documento; potrebbe essere stato eliminato. Ricarica la pagina.',
  'errors.ERR_UPLOAD_NOT_FOUND':
    'Questo caricamento è scaduto o è stato annullato. Ricomincia il caricamento.',
  'errors.ERR_UPLOAD_OUT_OF_ORDER':
    'Il caricamento si è interrotto ed è andato fuori sequenza. Ricomincia il caricamento.',
  'errors.ERR_UPLOAD_FRAMING':
    'Una parte del caricamento è arrivata danneggiata. Ricomincia il caricamento.',
  'errors.ERR_UPLOAD_INCOMPLETE':
    'Il caricamento si è fermato prima che arrivasse tutto il file. Ricomincia il caricamento.',
  'errors.ERR_VERSION_CONFLICT':
    'Nello stesso momento è stata salvata un’altra versione di questo documento. Ricarica la pagina e riprova.',
  'errors.ERR_LOG_NO_CHECKPOINT':
    'Il registro degli accessi del Comune non ha un checkpoint di quella dimensione. Ricarica la pagina per controllare di nuovo.',
  'errors.ERR_LOG_ENTRY_NOT_FOUND':
    'Questa voce del tuo registro degli accessi non è stata trovata. Ricarica la pagina.',
  'errors.ERR_LOG_NOT_COVERED':
    'Le voci più recenti non sono ancora firmate nel registro. Attendi qualche secondo e ricarica la pagina.',
  'errors.ERR_LOG_UNAVAILABLE':
    'Al momento la cassaforte non riesce a scrivere nel registro degli accessi, quindi non ha consegnato il tuo documento. Riprova tra un minuto; se succede ancora, contatta il Comune.',
  'errors.ERR_SERVICE_AUTH_FAILED': 'Non è stato possibile autenticare un servizio del Comune.',
  'errors.ERR_SERVICE_TOKEN_REQUEST_INVALID':
    'Un servizio del Comune ha inviato una richiesta di token che la cassaforte non ha potuto leggere.',
  'errors.ERR_SERVICE_GRANT_UNSUPPORTED':
    'Un servizio del Comune ha chiesto un tipo di accesso che la cassaforte non concede.',
  'errors.ERR_SERVICE_TOKEN_INVALID':
    'Il token di accesso di un servizio del Comune manca, è scaduto o è stato revocato.',
  'errors.ERR_UNKNOWN_RESIDENT':
    'Il vault non ha un account per questo residente. Forse non ha ancora effettuato l’accesso.',
  'errors.ERR_PURPOSE_NOT_ALLOWED':
    'Questa finalità o base giuridica non è registrata per questo servizio del Comune.',
  'errors.ERR_REQUEST_NOT_PENDING':
    'Questa richiesta ha già avuto una risposta o è scaduta, quindi non si può più modificare.',
  'errors.ERR_GRANT_DENIED':
    'Il consenso del residente non copre questa lettura (è stato revocato, è scaduto o riguarda un’altra finalità o documento).',
  'errors.ERR_GRANT_NOT_ACTIVE': 'Questo consenso è già terminato, quindi non è cambiato nulla.',
  'errors.ERR_RECEIPT_INVALID':
    'Non è stato possibile verificare la ricevuta del consenso, quindi non è stato condiviso nulla. Ricarica la pagina e riprova.',
  'errors.ERR_REAUTH_REQUIRED':
    'Per sicurezza, per eliminare l’account serve un accesso recente. Accedi di nuovo, poi elimina l’account entro 10 minuti.',
  'errors.ERR_DOCUMENT_TOO_LARGE':
    'Questo file è più grande di quanto la cassaforte accetta per un documento. Scegli un file più piccolo.',
  'errors.ERR_QUOTA_EXCEEDED':
    'Nella tua cassaforte non c’è abbastanza spazio per questo file. Elimina i documenti che non ti servono più e riprova.',
  'errors.ERR_PROOF_MALFORMED':
    'Il tuo browser non è riuscito a verificare il registro degli accessi del Comune: la prova ricevuta non torna. Ricarica la pagina; se il messaggio resta, contatta il Comune e conserva una copia della tua esportazione.',
  'errors.ERR_PROOF_INVALID':
    'Il tuo browser non è riuscito a verificare il registro degli accessi del Comune: la prova ricevuta non torna. Ricarica la pagina; se il messaggio resta, contatta il Comune e conserva una copia della tua esportazione.',
  'errors.ERR_NOTE_MALFORMED':
    'Il tuo browser non è riuscito a verificare il registro degli accessi del Comune: la prova ricevuta non torna. Ricarica la pagina; se il messaggio resta, contatta il Comune e conserva una copia della tua esportazione.',
  'errors.ERR_NOTE_UNVERIFIED':
    'Il tuo browser non è riuscito a verificare il registro degli accessi del Comune: la prova ricevuta non torna. Ricarica la pagina; se il messaggio resta, contatta il Comune e conserva una copia della tua esportazione.',
  'errors.ERR_NOTE_SIGNATURE_INVALID':
    'Il tuo browser non è riuscito a verificare il registro degli accessi del Comune: la prova ricevuta non torna. Ricarica la pagina; se il messaggio resta, contatta il Comune e conserva una copia della tua esportazione.',
  'errors.ERR_NOTE_KEY_MALFORMED':
    'Il tuo browser non è riuscito a verificare il registro degli accessi del Comune: la prova ricevuta non torna. Ricarica la pagina; se il messaggio resta, contatta il Comune e conserva una copia della tua esportazione.',
  'errors.ERR_CHECKPOINT_MALFORMED':
    'Il tuo browser non è riuscito a verificare il registro degli accessi del Comune: la prova ricevuta non torna. Ricarica la pagina; se il messaggio resta, contatta il Comune e conserva una copia della tua esportazione.',
  'errors.ERR_CHECKPOINT_WRONG_ORIGIN':
    'Il tuo browser non è riuscito a verificare il registro degli accessi del Comune: la prova ricevuta non torna. Ricarica la pagina; se il messaggio resta, contatta il Comune e conserva una copia della tua esportazione.',
  'errors.ERR_TILE_PATH_MALFORMED':
    'Il tuo browser non è riuscito a verificare il registro degli accessi del Comune: la prova ricevuta non torna. Ricarica la pagina; se il messaggio resta, contatta il Comune e conserva una copia della tua esportazione.',
  'errors.ERR_DECRYPT_FAILED':
    'Non è stato possibile decifrare questo documento: è danneggiato, oppure è stato modificato dopo che l’hai salvato. Non ne mostriamo nulla.',
  'errors.ERR_SLOT_OPEN_FAILED':
    'La cassaforte non si è aperta. Controlla ciò che hai inserito e riprova, oppure usa un altro metodo di sblocco.',
  'errors.ERR_WEAK_KDF_PARAMS':
    'Attenzione: il server ha chiesto al tuo browser di proteggere la frase segreta con impostazioni più deboli di quelle che Citizen Vault usa. Il server potrebbe essere stato manomesso. Non abbiamo usato la tua frase segreta. Non digitarla da nessun’altra parte; sblocca con la passkey o con il kit di recupero e contatta il Comune.',
  'errors.ERR_RECOVERY_CODE_INVALID':
    'Questo non è un codice di recupero valido. Confrontalo con il tuo kit di recupero: ha 56 lettere e cifre in gruppi di quattro.',
  'errors.ERR_UNSUPPORTED_FORMAT':
    'Questi dati sono in un formato che questa versione di Citizen Vault non sa leggere. Ricarica la pagina; se non basta, contatta il Comune.',
  'errors.ERR_JWS_INVALID':
    'Non è stato possibile verificare una firma, quindi non è stato fatto nulla. Ricarica la pagina e riprova.',
  'errors.ERR_ARCHIVE_TOO_LARGE':
    'Nel complesso i tuoi documenti arrivano a 4 GB o più, più di quanto possa contenere un solo archivio di esportazione. Scarica uno alla volta i documenti più grandi dalla pagina Documenti, poi chiedi aiuto al Comune per il resto.',
  'errors.ERR_ARCHIVE_INVALID':
    "Questo file non è un archivio che la cassaforte sa leggere. Controlla di aver scelto proprio l'archivio dell'esportazione.",
  'errors.ERR_ARCHIVE_CHECKSUM':
    "Un file dentro l'archivio è stato modificato o danneggiato dopo la sua creazione. Fai una nuova esportazione.",
  'errors.ERR_VAULT_LOCKED': 'La cassaforte è stata bloccata. Sbloccala e riprova.',
  'errors.ERR_VAULT_WORKER':
    'La parte di questa pagina che protegge le tue chiavi si è fermata. Ricarica la pagina e sblocca di nuovo la cassaforte.',
  'errors.ERR_PASSKEY_NO_PRF':
    'Questa passkey non può aprire una cassaforte: il suo dispositivo o browser non offre la funzione necessaria (chiamata “PRF”). Prova un’altra passkey, oppure usa la frase segreta o il kit di recupero.',
  'errors.ERR_PASSKEY_SLOT_EXISTS': 'Questa passkey apre già la tua cassaforte. Scegline un’altra.',
  'errors.ERR_FILE_READ':
    'Non è stato possibile leggere il file; forse è stato spostato o modificato durante il caricamento. Sceglilo di nuovo.',
  'errors.ERR_NETWORK':
    'Non riusciamo a raggiungere Citizen Vault. Controlla la connessione a internet e riprova.',
  'errors.ERR_UNEXPECTED_RESPONSE':
    'Citizen Vault ha dato una risposta inattesa. Riprova tra qualche minuto.',
  'errors.webauthnCancelled':
    'La richiesta della passkey è stata annullata o è scaduta. Riprova quando vuoi.',
  'errors.webauthnUnsupported':
    'Questo browser o dispositivo non può usare le passkey in questo modo. Prova con un altro dispositivo o con un browser aggiornato.',
  'errors.webauthnSecurity':
    'Il browser ha rifiutato la richiesta della passkey per questo indirizzo. Apri Citizen Vault dal suo indirizzo abituale e riprova.',
  'errors.webauthnFailed':
    'Non è stato possibile usare la passkey. Riprova oppure accedi in un altro modo.',
};
