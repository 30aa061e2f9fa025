/**
 * A Web Worker that validates and analyses one input — a toolkit dataset or a pyhf workspace, as parsed
 * JSON — with the calls `coherency analyze` makes (src/cli/commands/analyze.ts), so that the page stays
 * responsive during long fits (a template dataset of many channels takes seconds). Figures and tables
 * are drawn by the page from what this returns.
 */
import {
  analyzeDataset,
  analyzeTemplateDataset,
  analyzeWorkspace,
  parseAnalysisInput,
  type AnalysisResult,
  type AnyDataset,
  type SystematicsTreatment,
  type TemplateExtras,
  type WorkspaceAnalysis,
} from './lib.js';

export interface AnalysisRequest {
  readonly raw: unknown;
  readonly file: string;
  readonly systematics: SystematicsTreatment;
}

export type AnalysisReply =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | {
      readonly type: 'dataset';
      readonly dataset: AnyDataset;
      readonly result: AnalysisResult & { readonly template?: TemplateExtras };
    }
  | { readonly type: 'workspace'; readonly file: string; readonly analysis: WorkspaceAnalysis }
  | { readonly type: 'error'; readonly message: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: AnalysisReply): void;
};

scope.onmessage = (e) => {
  const { raw, file, systematics } = e.data;
  try {
    const input = parseAnalysisInput(raw, file);
    if (input.kind === 'workspace') {
      scope.postMessage({ type: 'workspace', file, analysis: analyzeWorkspace(input.workspace) });
      return;
    }
    const ds = input.dataset;
    const result =
      ds.kind === 'template'
        ? analyzeTemplateDataset(ds)
        : analyzeDataset(ds, {
            systematics,
            onProgress: (done, total) => scope.postMessage({ type: 'progress', done, total }),
          });
    scope.postMessage({ type: 'dataset', dataset: ds, result });
  } catch (err) {
    scope.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
