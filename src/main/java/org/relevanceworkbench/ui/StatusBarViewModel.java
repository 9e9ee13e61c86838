package org.relevanceworkbench.ui;

import javafx.beans.binding.BooleanExpression;
import javafx.beans.binding.DoubleExpression;
import javafx.beans.binding.StringExpression;

/**
 * The status bar: what the scorer is (and its load progress, with Cancel), the workspace's last message, and the
 * import in progress (with Cancel). It reads the parts that own that state and owns none itself.
 */
public final class StatusBarViewModel {
    private final ScoringViewModel scoring;
    private final WorkspaceViewModel workspace;
    private final ImportViewModel imports;

    public StatusBarViewModel(ScoringViewModel scoring, WorkspaceViewModel workspace, ImportViewModel imports) {
        this.scoring = scoring;
        this.workspace = workspace;
        this.imports = imports;
    }

    /** "FollowIR-7B on CUDA", "vLLM at http://…", "No model: BM25". */
    public StringExpression scorerText() {
        return scoring.modelStatusProperty();
    }

    /** Per-server request counts as a run goes; empty when there is nothing to add to {@link #scorerText}. */
    public StringExpression scorerDetails() {
        return scoring.scorerDetailsProperty();
    }

    public BooleanExpression loading() {
        return scoring.loadingProperty();
    }

    public DoubleExpression loadProgress() {
        return scoring.loadProgressProperty();
    }

    public void cancelLoading() {
        scoring.cancel();
    }

    public StringExpression workspaceText() {
        return workspace.statusProperty();
    }

    public BooleanExpression importing() {
        return imports.importingProperty();
    }

    public DoubleExpression importProgress() {
        return imports.progressProperty();
    }

    /** The import's progress while it runs, then its last summary line ("total: …" for several files). */
    public StringExpression importText() {
        return imports.statusProperty();
    }

    public void cancelImport() {
        imports.cancel();
    }
}
