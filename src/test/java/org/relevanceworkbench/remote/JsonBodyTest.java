package org.relevanceworkbench.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written request bodies are the JSON Jackson would write, digit for digit. */
class JsonBodyTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void idsAndStringsReadBackExactly() throws Exception {
        Random random = new Random(7);
        int[] a = {0, 1, 9, 10, 28705, Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 100000};
        int[] b = random.ints(5000, 0, 32000).toArray();
        String model = "jhu-clsp/FollowIR-7B \"quoted\" \\ ünïcödé \n";
        byte[] body = JsonBody.forIds(2).raw("{\"model\":").string(model).raw(",\"input\":")
                .idLists(List.of(a, b), 0).raw(",\"q\":").ids(b, 3, 7).raw(",\"n\":").number(-42).raw(",\"z\":")
                .string(null).raw("}").toBytes();
        JsonNode node = json.readTree(body);
        assertThat(node.get("model").asText()).isEqualTo(model);
        assertThat(ProtocolServer.ids(node.get("input").get(0))).containsExactly(a);
        assertThat(ProtocolServer.ids(node.get("input").get(1))).containsExactly(b);
        assertThat(ProtocolServer.ids(node.get("q"))).containsExactly(b[3], b[4], b[5], b[6]);
        assertThat(node.get("n").asInt()).isEqualTo(-42);
        assertThat(node.get("z").isNull()).isTrue();
        assertThat(json.readTree(JsonBody.forIds(0).idLists(List.of(new int[0], a), 1).toBytes()).get(1).size())
                .isEqualTo(a.length - 1);
    }
}
