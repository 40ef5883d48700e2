import type { Catalogue } from '../catalogue-shape';

// Logging in.
// One file per capability, the four languages side by side; English is the reference (its
// shape is the type every other language must match, plural forms aside).

export const en = {
  login: {
    title: 'Log in',
    subtitle: 'Use the login and password your administrator gave you.',
    login: 'Login',
    password: 'Password',
    submit: 'Log in',
    language: 'Language',
    loginRequired: 'Enter your login.',
    passwordRequired: 'Enter your password.',
    wrongPassword: 'Wrong login or password.',
    lockedOut_one: 'Too many failed attempts. Try again in {{count}} second.',
    lockedOut_other: 'Too many failed attempts. Try again in {{count}} seconds.',
    lockedOutNow: 'Too many failed attempts. You can try again now.',
    unreachable: 'The server cannot be reached. Check that Call Center is running, then try again.',
    sessionEnded: 'Your session has ended. Log in again to continue.',
    loggedOut: 'You have logged out.',
    slow: 'Still working: the workstation is finishing its data (after a download from the shared store this takes up to a minute). You are logged in as soon as it is done.',
  },
} as const;

export const ro: Pick<Catalogue<'one' | 'few' | 'other'>, 'login'> = {
  login: {
    title: 'Autentificare',
    subtitle: 'Folosiți utilizatorul și parola primite de la administrator.',
    login: 'Utilizator',
    password: 'Parolă',
    submit: 'Conectare',
    language: 'Limbă',
    loginRequired: 'Introduceți utilizatorul.',
    passwordRequired: 'Introduceți parola.',
    wrongPassword: 'Utilizator sau parolă greșită.',
    lockedOut_one: 'Prea multe încercări eșuate. Încercați din nou peste {{count}} secundă.',
    lockedOut_few: 'Prea multe încercări eșuate. Încercați din nou peste {{count}} secunde.',
    lockedOut_other: 'Prea multe încercări eșuate. Încercați din nou peste {{count}} de secunde.',
    lockedOutNow: 'Prea multe încercări eșuate. Acum puteți încerca din nou.',
    unreachable: 'Serverul nu poate fi contactat. Verificați că aplicația Call Center rulează, apoi încercați din nou.',
    sessionEnded: 'Sesiunea s-a încheiat. Autentificați-vă din nou pentru a continua.',
    loggedOut: 'V-ați deconectat.',
    slow: 'Se lucrează încă: stația își termină datele (după o descărcare din baza comună durează până la un minut). Veți fi conectat imediat ce termină.',
  },
};

export const ptBR: Pick<Catalogue<'one' | 'many' | 'other'>, 'login'> = {
  login: {
    title: 'Entrar',
    subtitle: 'Use o usuário e a senha fornecidos pelo administrador.',
    login: 'Usuário',
    password: 'Senha',
    submit: 'Entrar',
    language: 'Idioma',
    loginRequired: 'Informe o usuário.',
    passwordRequired: 'Informe a senha.',
    wrongPassword: 'Usuário ou senha incorretos.',
    lockedOut_one: 'Muitas tentativas sem sucesso. Tente novamente em {{count}} segundo.',
    lockedOut_many: 'Muitas tentativas sem sucesso. Tente novamente em {{count}} de segundos.',
    lockedOut_other: 'Muitas tentativas sem sucesso. Tente novamente em {{count}} segundos.',
    lockedOutNow: 'Muitas tentativas sem sucesso. Você já pode tentar novamente.',
    unreachable: 'Não foi possível contatar o servidor. Verifique se o Call Center está em execução e tente novamente.',
    sessionEnded: 'Sua sessão foi encerrada. Entre novamente para continuar.',
    loggedOut: 'Você saiu do sistema.',
    slow: 'Ainda trabalhando: a estação está concluindo seus dados (após um download da base compartilhada, leva até um minuto). Você entra assim que terminar.',
  },
};

export const ca: Pick<Catalogue<'one' | 'many' | 'other'>, 'login'> = {
  login: {
    title: 'Inici de sessió',
    subtitle: 'Utilitzeu l’usuari i la contrasenya que us ha donat l’administrador.',
    login: 'Usuari',
    password: 'Contrasenya',
    submit: 'Entra',
    language: 'Idioma',
    loginRequired: 'Introduïu l’usuari.',
    passwordRequired: 'Introduïu la contrasenya.',
    wrongPassword: 'Usuari o contrasenya incorrectes.',
    lockedOut_one: 'Massa intents fallits. Torneu-ho a provar d’aquí a {{count}} segon.',
    lockedOut_many: 'Massa intents fallits. Torneu-ho a provar d’aquí a {{count}} de segons.',
    lockedOut_other: 'Massa intents fallits. Torneu-ho a provar d’aquí a {{count}} segons.',
    lockedOutNow: 'Massa intents fallits. Ja ho podeu tornar a provar.',
    unreachable: 'No es pot contactar amb el servidor. Comproveu que el Call Center està en marxa i torneu-ho a provar.',
    sessionEnded: 'La sessió ha acabat. Torneu a iniciar la sessió per continuar.',
    loggedOut: 'Heu tancat la sessió.',
    slow: 'Encara s’hi treballa: el lloc de treball està acabant les seves dades (després d’una baixada del magatzem compartit triga fins a un minut). Entrareu tan bon punt acabi.',
  },
};
