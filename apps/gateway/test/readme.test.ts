import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  SIMULATOR_ACCOUNT_OUTCOMES,
  SIMULATOR_CSC_RESULTS,
  SIMULATOR_OUTCOMES,
} from '../src/processor/index.ts';
import { SIMULATED_CARDS } from '../src/threeds-server/index.ts';

const README = new URL('../../../README.md', import.meta.url);

/** The rows of the markdown table that follows `marker`, cells trimmed, header and rule left out. */
async function tableAfter(marker: string): Promise<string[][]> {
  const text = await readFile(README, 'utf8');
  const start = text.indexOf(marker);
  expect(start, `README marker ${marker}`).toBeGreaterThanOrEqual(0);
  const lines = text.slice(start).split('\n').slice(1);
  const table = lines.slice(
    0,
    lines.findIndex((line) => !line.startsWith('|')),
  );
  return table.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim().replace(/`/g, '')),
  );
}

describe('the README’s simulator tables', () => {
  it('lists exactly the expiry outcomes the simulator has', async () => {
    expect(await tableAfter('<!-- simulator-outcomes')).toEqual(
      SIMULATOR_OUTCOMES.map((row) => [
        row.expiry,
        row.gatewayCode,
        row.acquirerCode,
        row.result,
        row.issuerAnswered ? 'yes' : 'no',
      ]),
    );
  });

  it('lists exactly the 3-D Secure cards the simulated directory knows', async () => {
    expect(await tableAfter('<!-- threeds-simulator')).toEqual(
      SIMULATED_CARDS.map((card) => [
        card.number,
        card.protocolVersion,
        card.method,
        card.behaviour,
        card.grantsExemptions ? 'yes' : 'no',
      ]),
    );
  });

  it('lists exactly the CSC results the simulator has', async () => {
    expect(await tableAfter('<!-- simulator-csc')).toEqual(
      SIMULATOR_CSC_RESULTS.map((row) => [row.securityCode, row.gatewayCode, row.acquirerCode]),
    );
  });

  it('lists exactly the gift card and ACH outcomes the simulator has', async () => {
    expect(await tableAfter('<!-- simulator-accounts')).toEqual(
      SIMULATOR_ACCOUNT_OUTCOMES.map((row) => [row.endsWith, row.gatewayCode, row.acquirerCode, row.result]),
    );
  });
});
