package io.apogeemq.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link DoneOffsets} behaves like a plain set of offsets (jqwik, fixed seed, bounded tries). */
class DoneOffsetsProperties {

  @Property(seed = "4711", tries = 300)
  void agreesWithASetModelAndSurvivesASnapshot(
      @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 600) Integer> marks,
      @ForAll @IntRange(min = 0, max = 300) int below) {
    DoneOffsets done = new DoneOffsets(0);
    TreeSet<Long> model = new TreeSet<>();
    for (int m : marks) {
      done.markDone(m);
      model.add((long) m);
    }
    done.markDoneBelow(below);
    for (long o = 0; o < below; o++) {
      model.add(o);
    }
    DoneOffsets restored = DoneOffsets.restore(done.snapshot());
    long floor = 0;
    while (model.contains(floor)) {
      floor++;
    }
    assertThat(done.floor()).isEqualTo(floor);
    assertThat(restored.floor()).isEqualTo(floor);
    for (long o = 0; o <= 700; o++) {
      assertThat(done.isDone(o)).as("offset %d", o).isEqualTo(model.contains(o));
      assertThat(restored.isDone(o)).as("restored offset %d", o).isEqualTo(model.contains(o));
    }
  }
}
