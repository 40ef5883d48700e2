import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAnswer, splitQuoted } from '../../src/main/mail/reply';
import { SettingsService } from '../../src/main/settings/settings';

/* A reply's own words and its answer, as the mail watcher reads them. */

// The defaults users get (settings.ts), read through a store that has nothing saved.
const words = new SettingsService({ select: () => ({ from: () => ({ all: () => [] }) }) } as never, () => 0).get().mailAnswerWords;

describe('splitQuoted', () => {
  it('folds the quoted mail away under the clients\' "wrote" lines in the four languages', () => {
    for (const line of ['On Fri, 20 Nov 2026 at 10:00, Dispatch <d@x.test> wrote:', 'În vin., 20 nov. 2026, 10:00 Dispatch a scris:', 'Em sex., 20 de nov. de 2026 às 10:00, Dispatch escreveu:', 'El dv., 20 de nov. 2026 a les 10:00, Dispatch va escriure:']) {
      expect(splitQuoted(`Accept\n\n${line}\n> Hello`)).toEqual({ fresh: 'Accept', quoted: `${line}\n> Hello` });
    }
  });

  it('folds quoted lines, Outlook\'s header block and the signature', () => {
    expect(splitQuoted('Reject: no parts\n> old')).toEqual({ fresh: 'Reject: no parts', quoted: '> old' });
    expect(splitQuoted('ok\r\n\r\n-----Original Message-----\r\nFrom: x')).toEqual({ fresh: 'ok', quoted: '-----Original Message-----\nFrom: x' });
    expect(splitQuoted('ok\n-- \nIon, technician')).toEqual({ fresh: 'ok', quoted: '-- \nIon, technician' });
  });

  it('keeps a mail that is nothing but a quote whole, and loses no line either way', () => {
    expect(splitQuoted('> only a quote')).toEqual({ fresh: '> only a quote', quoted: '' });
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 20 }), fc.constant('> q'), fc.constant('-- ')), { maxLength: 12 }), (lines) => {
        const text = lines.join('\n');
        const { fresh, quoted } = splitQuoted(text);
        // Nothing is invented and, trimming aside, nothing is lost.
        expect(`${fresh}\n${quoted}`.replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }),
    );
  });
});

describe('readAnswer', () => {
  it('reads the first word in any of the four languages, case and accents aside', () => {
    expect(readAnswer('Accept, I will be there at nine.', words)).toEqual({ answer: 'accepted', reason: 'I will be there at nine.' });
    expect(readAnswer('REFUZ - sunt în concediu', words)).toEqual({ answer: 'rejected', reason: 'sunt în concediu' });
    expect(readAnswer('nao: estou de folga', words)).toEqual({ answer: 'rejected', reason: 'estou de folga' });
    expect(readAnswer('Sí!', words)).toEqual({ answer: 'accepted', reason: '' });
    expect(readAnswer('  rebutjo\n\nno tinc la peça', words)).toEqual({ answer: 'rejected', reason: 'no tinc la peça' });
  });

  it('answers nothing when the first word is no answer word, or only starts like one', () => {
    expect(readAnswer('When do you come?', words)).toBeNull();
    expect(readAnswer('Acceptable, but later', words)).toBeNull();
    expect(readAnswer('okay', words)).toBeNull();
    expect(readAnswer('', words)).toBeNull();
    expect(readAnswer('!!!', words)).toBeNull();
  });

  it('a word both lists hold (across languages) answers nothing', () => {
    const clash = { ...words, ca: { accept: ['refuz'], reject: ['rebutjo'] } };
    expect(readAnswer('refuz', clash)).toBeNull();
  });

  it('keeps a reason to 500 characters on one line', () => {
    const r = readAnswer(`reject ${'a\n'.repeat(400)}`, words)!;
    expect(r.reason.length).toBe(500);
    expect(r.reason).not.toContain('\n');
  });
});
