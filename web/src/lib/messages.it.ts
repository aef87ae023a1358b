import type { Messages } from './messages.en';

/** Italian messages. Typed as {@link Messages}: a missing or extra key fails the type check. */
export const messagesIt: Messages = {
  'app.name': 'Citizen Vault',
  'app.pageTitle': '{page} – Citizen Vault',
  skipLink: 'Vai al contenuto',

  'nav.label': 'Principale',
  'nav.home': 'Home',
  'nav.account': 'Account',
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

  'home.title': 'Home',
  'home.welcome': 'Ti diamo il benvenuto, {name}',
  'home.intro':
    'Questa è la tua cassaforte digitale. Presto potrai conservare qui i tuoi documenti: documenti d’identità, certificati, dichiarazioni dei redditi, pagelle e referti medici. Solo tu potrai leggerli.',
  'home.accountHint':
    'Nella pagina del tuo account puoi gestire le passkey e vedere dove hai effettuato l’accesso.',
  'home.accountLink': 'Vai al tuo account',

  'account.title': 'Il tuo account',
  'account.heading': 'Il tuo account',
  'account.intro': 'Gestisci come accedi e dove hai effettuato l’accesso.',

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
  'errors.ERR_UNAUTHENTICATED':
    'Non hai effettuato l’accesso, oppure la sessione è terminata. Accedi di nuovo.',
  'errors.ERR_NOT_FOUND':
    'Non abbiamo trovato quello che cercavi: forse è stato rimosso. Ricarica la pagina.',
  'errors.ERR_CONFLICT': 'Nel frattempo qualcosa è cambiato. Ricarica la pagina e riprova.',
  'errors.ERR_INTERNAL': 'Si è verificato un problema da parte nostra. Riprova tra qualche minuto.',
  'errors.ERR_NOT_READY': 'Citizen Vault si sta avviando. Riprova tra un momento.',
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
  'errors.ERR_DOCUMENT_TOO_LARGE':
    'Questo file è più grande di quanto la cassaforte accetta per un documento. Scegli un file più piccolo.',
  'errors.ERR_QUOTA_EXCEEDED':
    'Nella tua cassaforte non c’è abbastanza spazio per questo file. Elimina i documenti che non ti servono più e riprova.',
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
