import { describe, expect, it } from 'vitest';
import { base64ToUtf8, bytesFromBase64, createExchange, utf8ToBase64 } from '../../../utils/sync/xmpp/sasl';

/** The published test vectors: the exchange must produce the RFCs' proofs byte for byte. */
describe('SCRAM over WebCrypto', () => {
  it('matches RFC 5802 (SCRAM-SHA-1) and checks the server signature', async () => {
    const exchange = createExchange('SCRAM-SHA-1', 'user', 'pencil', () => bytesFromBase64('fyko+d2lbbFgONRv9qkxdawL'));
    expect(base64ToUtf8(await exchange.start())).toBe('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    const final = await exchange.step(utf8ToBase64('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096'));
    expect(base64ToUtf8(final)).toBe('c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=');
    await expect(exchange.finish(utf8ToBase64('v=rmF9pqV8S7suAoZWja4dJRkFsKQ='))).resolves.toBeUndefined();
  });

  it('matches RFC 7677 (SCRAM-SHA-256)', async () => {
    const exchange = createExchange('SCRAM-SHA-256', 'user', 'pencil', () => bytesFromBase64('rOprNGfwEbeRWgbNEkqO'));
    expect(base64ToUtf8(await exchange.start())).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const final = await exchange.step(utf8ToBase64('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'));
    expect(base64ToUtf8(final)).toBe('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
    await expect(exchange.finish(utf8ToBase64('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='))).resolves.toBeUndefined();
  });

  it('refuses a server that cannot prove it knows the password', async () => {
    const exchange = createExchange('SCRAM-SHA-1', 'user', 'pencil', () => bytesFromBase64('fyko+d2lbbFgONRv9qkxdawL'));
    await exchange.start();
    await exchange.step(utf8ToBase64('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096'));
    await expect(exchange.finish(utf8ToBase64('v=AAAApqV8S7suAoZWja4dJRkFsKQ='))).rejects.toThrow('The server could not prove that it knows the password');
    await expect(exchange.finish('')).rejects.toThrow('The server could not prove');
  });

  it.each([
    ['a nonce that is not ours', 'r=someone-elses-nonce,s=QSXCR+Q6sek8bf92,i=4096', /wrong SCRAM nonce/],
    ['our nonce unchanged', 'r=fyko+d2lbbFgONRv9qkxdawL,s=QSXCR+Q6sek8bf92,i=4096', /wrong SCRAM nonce/],
    ['an absurd iteration count', 'r=fyko+d2lbbFgONRv9qkxdawLxyz,s=QSXCR+Q6sek8bf92,i=999999999', /iteration count/],
    ['no salt', 'r=fyko+d2lbbFgONRv9qkxdawLxyz,i=4096', /salt/],
    ['a mandatory extension', 'm=ext,r=fyko+d2lbbFgONRv9qkxdawLxyz,s=QSXCR+Q6sek8bf92,i=4096', /extension/],
  ])('refuses a challenge with %s', async (_, challenge, message) => {
    const exchange = createExchange('SCRAM-SHA-1', 'user', 'pencil', () => bytesFromBase64('fyko+d2lbbFgONRv9qkxdawL'));
    await exchange.start();
    await expect(exchange.step(utf8ToBase64(challenge))).rejects.toThrow(message);
  });

  it('escapes "=" and "," in the user name and sends PLAIN as authzid-less UTF-8', async () => {
    const scram = createExchange('SCRAM-SHA-1', 'a=b,c', 'x', () => new Uint8Array(18));
    expect(base64ToUtf8(await scram.start())).toBe('n,,n=a=3Db=2Cc,r=AAAAAAAAAAAAAAAAAAAAAAAA');
    expect(base64ToUtf8(await createExchange('PLAIN', 'zoë', 'pässword').start())).toBe('\0zoë\0pässword');
  });
});
