package io.apogeemq.broker.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Property test (jqwik, fixed seed, bounded tries). */
class DelayLevelsProperties {

  private static final String[] UNITS = {"ms", "s", "m", "h", "d"};
  private static final long[] UNIT_MS = {1, 1_000, 60_000, 3_600_000, 86_400_000};

  @Property(seed = "6", tries = 300)
  void anyTableOfPositiveDurationsParsesToThoseDurationsAndRoundTrips(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 999_999) Integer> amounts,
      @ForAll @Size(min = 40, max = 40) List<@IntRange(min = 0, max = 4) Integer> units) {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < amounts.size(); i++) {
      tokens.add(amounts.get(i) + UNITS[units.get(i)]);
    }
    DelayLevels d = DelayLevels.parse(String.join("  ", tokens));
    assertThat(d.maxLevel()).isEqualTo(amounts.size());
    for (int i = 0; i < amounts.size(); i++) {
      assertThat(d.delayMillis(i + 1)).isEqualTo(amounts.get(i) * UNIT_MS[units.get(i)]);
    }
    assertThat(DelayLevels.parse(d.spec())).isEqualTo(d);
    assertThat(d.clamp(amounts.size() + 7)).isEqualTo(amounts.size());
  }
}
