// Typecheck and lint one package from a single TypeScript program (`tsc --noEmit` + `eslint src` build the same
// program twice). Run from the package folder; CI uses it through `turbo run check`.
import { ESLint } from 'eslint';
import ts from 'typescript';

const cwd = process.cwd();
const configPath = ts.findConfigFile(cwd, ts.sys.fileExists, 'tsconfig.json');
if (!configPath) throw new Error(`no tsconfig.json in ${cwd}`);
const config = ts.getParsedCommandLineOfConfigFile(
  configPath,
  { noEmit: true },
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  },
);
const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
const diagnostics = ts.getPreEmitDiagnostics(program);
if (diagnostics.length > 0) {
  console.error(
    ts.formatDiagnosticsWithColorAndContext(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => cwd,
      getNewLine: () => '\n',
    }),
  );
}

const eslint = new ESLint({
  cwd,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, programs: [program] } } },
});
const results = await eslint.lintFiles(['src']);
const report = await (await eslint.loadFormatter('stylish')).format(results);
if (report) console.log(report);
const lintErrors = results.reduce((n, r) => n + r.errorCount, 0);
console.log(`typecheck: ${diagnostics.length} errors; eslint: ${results.length} files, ${lintErrors} errors`);
process.exit(diagnostics.length > 0 || lintErrors > 0 ? 1 : 0);
