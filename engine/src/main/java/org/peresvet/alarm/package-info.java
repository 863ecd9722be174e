/**
 * Alarms: ISA-18.2 life cycle, evaluation in the engine loop, operators' commands, journal and
 * alarm-system health.
 *
 * <h2>Pieces</h2>
 * <ul>
 *   <li>Definitions are part of the model: {@link org.peresvet.model.AlarmDef} (edited with
 *       {@code ModelEdit.PutAlarm} / {@code DeleteAlarm}, stored in {@code alarm_def}, written in the
 *       project JSON as an {@code "alarms"} list inside their tag).</li>
 *   <li>{@link org.peresvet.alarm.AlarmStateMachine}: the life cycle of one alarm, a plain class with
 *       a listener, no I/O, time passed in (tested with a fake clock).</li>
 *   <li>The loop stage ({@code internal.AlarmEngine}): alarms indexed by the tags they read,
 *       evaluated on every accepted sample in order (calculated ones included: it is the last stage),
 *       delays and shelving expiry on the loop's ~100 ms timer.</li>
 *   <li>{@link org.peresvet.alarm.Alarms}: the thread-safe service behind {@code Engine.alarms()}.</li>
 *   <li>Every transition is an {@link org.peresvet.runtime.AlarmEvent} on the engine's bus (in
 *       {@code runtime}, so other capabilities bind to it without depending on this package). The
 *       engine's journal writer ({@code store.JournalWriter}) subscribes to it and writes journal
 *       rows and the alarms' saved states to the history file in batches, off the loop thread.</li>
 *   <li>{@link org.peresvet.alarm.AlarmHealth} and {@link org.peresvet.alarm.AlarmJournalCsv}: pure
 *       functions over journal rows.</li>
 * </ul>
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li>Conditions: Hi/HiHi active while value &gt; limit, Lo/LoLo while value &lt; limit; with a
 *       deadband an active alarm clears only once the value is back inside the limit by the
 *       deadband. Deviation: |value − setpoint| &gt; limit, evaluated again when the setpoint moves.
 *       Rate: |Δvalue/Δt| per second between consecutive samples &gt; limit. Discrete: equals /
 *       differs from the definition's value. Bad quality: the quality code is not good; its value
 *       in events is the quality's description. A sample with bad quality or no value leaves every
 *       other kind of alarm as it is.</li>
 *   <li>Only the newest sample of a tag drives its alarms: a sample older than one already seen
 *       (backfill) is stored in history but not evaluated.</li>
 *   <li>Masks (shelved, suppressed by design, out of service) are independent flags over the
 *       process state, which keeps being evaluated; lifting a mask shows the true state at once.
 *       Displayed precedence: out of service, shelved, suppressed. While masked, a return to
 *       normal needs no acknowledgement and does not latch (nobody was shown it); an activation
 *       still needs one, so an alarm still active when its mask lifts is annunciated.</li>
 *   <li>Latching and auto-acknowledge exclude each other. A latched alarm is reset only after it is
 *       acknowledged ({@code Alarms.reset} throws {@code IllegalStateException} before).</li>
 *   <li>Shelving needs a reason; a timed shelving lasts at most {@link
 *       org.peresvet.alarm.Alarms#DEFAULT_MAX_SHELVE} (12 h, settable); a one-shot shelving ends
 *       when the alarm next returns to normal.</li>
 *   <li>Suppression by design: a tag whose value is truthy (true, a non-zero number, a non-empty
 *       string, JSON other than null/false) suppresses the alarm.</li>
 *   <li>Deleting a tag deletes its alarms; it is refused while an alarm of another tag uses it as
 *       setpoint or suppression tag. A disabled alarm is not evaluated and appears in no list (its
 *       state is dropped). Editing a definition keeps the state; a changed condition is evaluated
 *       at once against the current values.</li>
 *   <li>Restart: the state of every alarm that is not quietly normal (active, unacknowledged,
 *       latched, shelved, out of service) is saved with its journal rows and taken over at start;
 *       a timed shelving that ran out meanwhile expires at the first timer tick. A crash loses at
 *       most the journal's last flush interval (the project's history flush interval).</li>
 *   <li>Expression alarms keep their formula in the model; the engine facade plugs the formula
 *       engine in through {@link org.peresvet.alarm.AlarmExpressions} (relative tag references start
 *       at the alarm tag's object; the formula must give a boolean; a broken one is refused at save by
 *       {@code formula.AlarmConditions}). An alarm whose expression cannot be compiled or fails is not
 *       evaluated, keeps its state and says why in {@link org.peresvet.alarm.Alarms#problems()}; a
 *       missing or bad input keeps the state too.</li>
 *   <li>Speed: a tag whose alarms are only limit alarms (at most four) and that no other alarm
 *       reads is decided from one flat table entry ({@code internal.LimitTable}), about one cache
 *       miss per sample; everything else takes the object path. Both give the same transitions.</li>
 * </ul>
 */
package org.peresvet.alarm;
