import { hashPassword } from './domain/password.ts';

// Reads the password from stdin so it stays out of shell history and the process list.
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const password = Buffer.concat(chunks)
  .toString('utf8')
  .replace(/\r?\n$/, '');
if (password.length < 8) {
  console.error('Give a password of at least 8 characters on stdin.');
  process.exit(1);
}
process.stdout.write(`${await hashPassword(password)}\n`);
