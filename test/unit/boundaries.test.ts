import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: 'scripts/eslint.config.js' });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** Typechecks one in-memory file as if it sat in `layer`, under that layer's tsconfig. */
function typeErrors(layer: string, code: string): string[] {
  const configPath = `${root}${layer}/tsconfig.json`;
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const probe = `${root}${layer}/__boundary_probe__.ts`;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => (name === probe ? code : readFile(name));
  host.fileExists = (name) => name === probe || fileExists(name);
  const program = ts.createProgram({ rootNames: [probe], options: config.options, host });
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(probe))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('runtime boundaries', { timeout: 30_000 }, () => {
  it.each([
    ['main/services/x.ts', "import { app } from 'electron';"],
    ['main/store/x.ts', "import { safeStorage } from 'electron';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['shared/x.ts', "import { app } from 'electron';"],
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';"],
    ['renderer/src/x.ts', "import path from 'path';"],
    ['shared/ipc/x.ts', "import { createHash } from 'node:crypto';"],
    ['shared/x.ts', "import { useState } from 'react';"],
    ['shared/x.ts', "import { openStore } from '../main/store/open-store';"],
    ['renderer/src/x.ts', "import { openStore } from '../../main/store/open-store';"],
    ['main/services/x.ts', "import { App } from '../../renderer/src/app/App';"],
  ])('lint refuses %s: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ['main/app/x.ts', "import { app } from 'electron';"],
    ['main/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['main/store/x.ts', "import { readFileSync } from 'node:fs';"],
    ['renderer/src/x.ts', "import { contract } from '../../shared/ipc/contract';"],
  ])('lint allows %s: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport {};\n`)).toEqual([]);
  });

  it('shared/ has no DOM types', () => {
    expect(typeErrors('shared', 'export const title = document.title;').join()).toMatch(/Cannot find name 'document'/);
  });

  it('shared/ has no Node types', () => {
    expect(
      typeErrors('shared', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;").join(),
    ).toMatch(/node:fs/);
    expect(typeErrors('shared', 'export const v = process.version;').join()).toMatch(/process/);
  });

  it('renderer/ has the DOM but no Node types', () => {
    expect(typeErrors('renderer', 'export const title: string = document.title;')).toEqual([]);
    expect(typeErrors('renderer', 'export const b = Buffer.from("x");').join()).toMatch(/Buffer/);
  });

  it('main/ has Node but no DOM types', () => {
    expect(typeErrors('main', 'export const b = Buffer.from("x");')).toEqual([]);
    expect(typeErrors('main', 'export const d = document.title;').join()).toMatch(/document/);
  });
});
