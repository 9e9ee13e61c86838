package org.relevanceworkbench.corpus;

import org.relevanceworkbench.formats.Format;

/**
 * How to import files.
 *
 * @param format      the format to use instead of detecting it, or null
 * @param strict      roll a file back at its first bad record instead of skipping the record
 * @param variant     the variant for qrels/run lines whose query id names none (else the file name or 'og')
 * @param qrelsSource the name of the qrels set ('imported' by default)
 * @param runName     the run's name (else the run file's tag, else the file name)
 * @param replaceRun  replace a run of the same name instead of refusing
 * @param keptProblems how many skipped-record messages a file report keeps (all are counted)
 */
public record ImportOptions(Format format, boolean strict, String variant, String qrelsSource, String runName,
        boolean replaceRun, int keptProblems) {

    public static ImportOptions defaults() {
        return new ImportOptions(null, false, null, null, null, false, 1000);
    }

    public ImportOptions withFormat(Format f) {
        return new ImportOptions(f, strict, variant, qrelsSource, runName, replaceRun, keptProblems);
    }

    public ImportOptions withStrict(boolean s) {
        return new ImportOptions(format, s, variant, qrelsSource, runName, replaceRun, keptProblems);
    }

    public ImportOptions withVariant(String v) {
        return new ImportOptions(format, strict, v, qrelsSource, runName, replaceRun, keptProblems);
    }

    public ImportOptions withQrelsSource(String s) {
        return new ImportOptions(format, strict, variant, s, runName, replaceRun, keptProblems);
    }

    public ImportOptions withRunName(String n, boolean replace) {
        return new ImportOptions(format, strict, variant, qrelsSource, n, replace, keptProblems);
    }
}
