package io.scouter.archive.archiver.maintenance;

/**
 * One step of a table's maintenance pass. A pass is a list of steps run in order under the table's
 * lock; another step (a duplicate-removal rewrite, say) is added by putting it in the list.
 * Each step must be safe to repeat and safe after a crash at any point of an earlier attempt.
 */
public interface MaintenanceStep {
  /** A short name for records, metrics and logs. */
  String name();

  /** Does the step's work on the table; counts go into the outcome. */
  StepOutcome run(MaintenanceContext context) throws Exception;
}
