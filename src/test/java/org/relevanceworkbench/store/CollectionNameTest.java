package org.relevanceworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.relevanceworkbench.common.UserException;

class CollectionNameTest {
    @Test
    void keepsTheNameWithoutSurroundingWhiteSpace() {
        assertThat(new CollectionName("  films \n").value()).isEqualTo("films");
        assertThat(new CollectionName("robust04 / title")).hasToString("robust04 / title");
        assertThat(new CollectionName(" films ")).isEqualTo(new CollectionName("films"));
    }

    @Test
    void refusesAnEmptyNameInOneLine() {
        for (String empty : new String[] {null, "", " \t "}) {
            assertThatThrownBy(() -> new CollectionName(empty)).isInstanceOf(UserException.class)
                    .hasMessage("a collection needs a non-empty name");
        }
    }

    @Test
    void lookupsCompareTheNormalizedText() {
        assertThat(CollectionName.normalize(" films ")).isEqualTo("films");
        assertThat(CollectionName.normalize(null)).isEmpty();
    }
}
