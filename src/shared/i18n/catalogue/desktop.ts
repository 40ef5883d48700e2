import type { Catalogue } from '../catalogue-shape';

// The desktop app's own words: its menu (built in main, in the system's language), the
// first-run screen (which database this workstation opens) and saving a printable page as PDF.

export const en = {
  desktop: {
    menu: { file: 'File', edit: 'Edit', view: 'View', window: 'Window', help: 'Help', shortcuts: 'Keyboard shortcuts', quit: 'Quit' },
    pdf: { save: 'Save as PDF', saved: 'Saved to {{path}}' },
    firstRun: {
      title: 'Welcome to Call Center',
      intro: 'This workstation keeps its data in a database file. Choose one to start; the choice is remembered.',
      opening: 'Opening the database…',
      demo: {
        title: 'Try the demo',
        body: 'A demonstration database with {{size}} made-up interventions. Not for real work.',
        logins: 'Log in as {{logins}}; the password of each is "demo".',
        where: 'Kept in {{path}}',
        action: 'Open the demo',
      },
      create: {
        title: 'Create a new database',
        body: 'An empty database for real work. The administrator\'s login is "admin"; you choose the password.',
        choose: 'Choose where to save…',
        file: 'File: {{path}}',
        password: 'Administrator password',
        confirm: 'Repeat the password',
        mismatch: 'The two passwords differ.',
        tooShort: 'At least {{n}} characters.',
        action: 'Create and open',
      },
      open: {
        title: 'Open an existing database',
        body: 'A database file made by this application, on this workstation or another.',
        choose: 'Choose a file…',
        action: 'Open',
      },
      errors: {
        notAbsolute: 'Choose the file in the dialog.',
        noFolder: 'The folder {{path}} does not exist.',
        exists: '{{path}} already exists: open it as an existing database, or choose another name.',
        notFile: '{{path}} is not a file.',
        notDatabase: '{{path}} is not a database.',
        notOurs: '{{path}} is a database, but not one of this application.',
        password: 'The administrator\'s password needs at least {{n}} characters, not only spaces.',
        notPicked: 'Choose the file first.',
        busy: 'A database is already being opened.',
      },
      shared: {
        title: 'Connect to the shared store',
        body: 'To work with colleagues through a shared PostgreSQL store, start on a new database, then join the store in Administration → Shared store: its data replaces the new database\'s.',
      },
    },
  },
} as const;

export const ro: Pick<Catalogue<'one' | 'few' | 'other'>, 'desktop'> = {
  desktop: {
    menu: { file: 'Fișier', edit: 'Editare', view: 'Vizualizare', window: 'Fereastră', help: 'Ajutor', shortcuts: 'Comenzi rapide de la tastatură', quit: 'Ieșire' },
    pdf: { save: 'Salvează ca PDF', saved: 'Salvat în {{path}}' },
    firstRun: {
      title: 'Bun venit în Call Center',
      intro: 'Această stație de lucru își păstrează datele într-un fișier de bază de date. Alegeți unul pentru a începe; alegerea este reținută.',
      opening: 'Se deschide baza de date…',
      demo: {
        title: 'Încercați demonstrația',
        body: 'O bază de date demonstrativă cu {{size}} de intervenții inventate. Nu pentru lucru real.',
        logins: 'Autentificați-vă ca {{logins}}; parola fiecăruia este „demo”.',
        where: 'Păstrată în {{path}}',
        action: 'Deschide demonstrația',
      },
      create: {
        title: 'Creați o bază de date nouă',
        body: 'O bază de date goală pentru lucru real. Utilizatorul administratorului este „admin”; parola o alegeți dumneavoastră.',
        choose: 'Alegeți unde se salvează…',
        file: 'Fișier: {{path}}',
        password: 'Parola administratorului',
        confirm: 'Repetați parola',
        mismatch: 'Cele două parole diferă.',
        tooShort: 'Cel puțin {{n}} caractere.',
        action: 'Creează și deschide',
      },
      open: {
        title: 'Deschideți o bază de date existentă',
        body: 'Un fișier de bază de date creat de această aplicație, pe această stație de lucru sau pe alta.',
        choose: 'Alegeți un fișier…',
        action: 'Deschide',
      },
      errors: {
        notAbsolute: 'Alegeți fișierul în fereastra de dialog.',
        noFolder: 'Dosarul {{path}} nu există.',
        exists: '{{path}} există deja: deschideți-l ca bază de date existentă sau alegeți alt nume.',
        notFile: '{{path}} nu este un fișier.',
        notDatabase: '{{path}} nu este o bază de date.',
        notOurs: '{{path}} este o bază de date, dar nu a acestei aplicații.',
        password: 'Parola administratorului trebuie să aibă cel puțin {{n}} caractere, nu doar spații.',
        notPicked: 'Alegeți mai întâi fișierul.',
        busy: 'O bază de date se deschide deja.',
      },
      shared: {
        title: 'Conectare la baza de date comună',
        body: 'Pentru a lucra cu colegii printr-o bază PostgreSQL comună, porniți cu o bază nouă, apoi conectați-o în Administrare → Baza comună: datele ei le înlocuiesc pe cele ale bazei noi.',
      },
    },
  },
};

export const ptBR: Pick<Catalogue<'one' | 'many' | 'other'>, 'desktop'> = {
  desktop: {
    menu: { file: 'Arquivo', edit: 'Editar', view: 'Exibir', window: 'Janela', help: 'Ajuda', shortcuts: 'Atalhos de teclado', quit: 'Sair' },
    pdf: { save: 'Salvar como PDF', saved: 'Salvo em {{path}}' },
    firstRun: {
      title: 'Bem-vindo ao Call Center',
      intro: 'Esta estação de trabalho guarda seus dados em um arquivo de banco de dados. Escolha um para começar; a escolha fica gravada.',
      opening: 'Abrindo o banco de dados…',
      demo: {
        title: 'Experimentar a demonstração',
        body: 'Um banco de dados de demonstração com {{size}} atendimentos fictícios. Não é para trabalho real.',
        logins: 'Entre como {{logins}}; a senha de cada um é "demo".',
        where: 'Guardado em {{path}}',
        action: 'Abrir a demonstração',
      },
      create: {
        title: 'Criar um banco de dados novo',
        body: 'Um banco de dados vazio para trabalho real. O usuário do administrador é "admin"; você escolhe a senha.',
        choose: 'Escolher onde salvar…',
        file: 'Arquivo: {{path}}',
        password: 'Senha do administrador',
        confirm: 'Repita a senha',
        mismatch: 'As duas senhas são diferentes.',
        tooShort: 'Pelo menos {{n}} caracteres.',
        action: 'Criar e abrir',
      },
      open: {
        title: 'Abrir um banco de dados existente',
        body: 'Um arquivo de banco de dados criado por este aplicativo, nesta estação de trabalho ou em outra.',
        choose: 'Escolher um arquivo…',
        action: 'Abrir',
      },
      errors: {
        notAbsolute: 'Escolha o arquivo na janela de diálogo.',
        noFolder: 'A pasta {{path}} não existe.',
        exists: '{{path}} já existe: abra-o como banco de dados existente ou escolha outro nome.',
        notFile: '{{path}} não é um arquivo.',
        notDatabase: '{{path}} não é um banco de dados.',
        notOurs: '{{path}} é um banco de dados, mas não deste aplicativo.',
        password: 'A senha do administrador precisa de pelo menos {{n}} caracteres, não só espaços.',
        notPicked: 'Escolha o arquivo primeiro.',
        busy: 'Um banco de dados já está sendo aberto.',
      },
      shared: {
        title: 'Conectar ao banco compartilhado',
        body: 'Para trabalhar com colegas por uma base PostgreSQL compartilhada, comece com uma base nova e depois entre na base em Administração → Base compartilhada: os dados dela substituem os da base nova.',
      },
    },
  },
};

export const ca: Pick<Catalogue<'one' | 'many' | 'other'>, 'desktop'> = {
  desktop: {
    menu: { file: 'Fitxer', edit: 'Edita', view: 'Visualitza', window: 'Finestra', help: 'Ajuda', shortcuts: 'Dreceres de teclat', quit: 'Surt' },
    pdf: { save: 'Desa com a PDF', saved: 'Desat a {{path}}' },
    firstRun: {
      title: 'Benvinguts a Call Center',
      intro: 'Aquest lloc de treball desa les dades en un fitxer de base de dades. Trieu-ne un per començar; la tria queda recordada.',
      opening: 'S\'està obrint la base de dades…',
      demo: {
        title: 'Proveu la demostració',
        body: 'Una base de dades de demostració amb {{size}} sol·licituds inventades. No és per a feina real.',
        logins: 'Entreu com a {{logins}}; la contrasenya de cadascun és «demo».',
        where: 'Desada a {{path}}',
        action: 'Obre la demostració',
      },
      create: {
        title: 'Creeu una base de dades nova',
        body: 'Una base de dades buida per a feina real. L\'usuari de l\'administrador és «admin»; la contrasenya la trieu vosaltres.',
        choose: 'Trieu on desar-la…',
        file: 'Fitxer: {{path}}',
        password: 'Contrasenya de l\'administrador',
        confirm: 'Repetiu la contrasenya',
        mismatch: 'Les dues contrasenyes no coincideixen.',
        tooShort: 'Com a mínim {{n}} caràcters.',
        action: 'Crea i obre',
      },
      open: {
        title: 'Obriu una base de dades existent',
        body: 'Un fitxer de base de dades creat per aquesta aplicació, en aquest lloc de treball o en un altre.',
        choose: 'Trieu un fitxer…',
        action: 'Obre',
      },
      errors: {
        notAbsolute: 'Trieu el fitxer al quadre de diàleg.',
        noFolder: 'La carpeta {{path}} no existeix.',
        exists: '{{path}} ja existeix: obriu-la com a base de dades existent o trieu un altre nom.',
        notFile: '{{path}} no és un fitxer.',
        notDatabase: '{{path}} no és una base de dades.',
        notOurs: '{{path}} és una base de dades, però no d\'aquesta aplicació.',
        password: 'La contrasenya de l\'administrador necessita com a mínim {{n}} caràcters, no només espais.',
        notPicked: 'Primer trieu el fitxer.',
        busy: 'Ja s\'està obrint una base de dades.',
      },
      shared: {
        title: 'Connecteu-vos al magatzem compartit',
        body: 'Per treballar amb els companys a través d\'una base PostgreSQL compartida, comenceu amb una base nova i després uniu-vos-hi a Administració → Base compartida: les seves dades substitueixen les de la base nova.',
      },
    },
  },
};
