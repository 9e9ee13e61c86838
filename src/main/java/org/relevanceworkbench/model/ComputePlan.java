package org.relevanceworkbench.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;

/**
 * Where and in what precision the model runs. On CUDA: fp16 weights and matmuls, with RMSNorm,
 * softmax and the final logits in fp32 (as MTEB runs FollowIR-7B). On CPU: fp32 compute, since
 * fp16 matmul on AVX2 is 5–60× slower; the weights stay fp16 only when fp32 copies would not fit
 * in memory, and are then widened one layer at a time.
 *
 * @param device  the device every weight and activation lives on
 * @param weights the dtype the weights are stored in on that device
 * @param compute the dtype of activations and matmuls
 */
public record ComputePlan(Device device, DataType weights, DataType compute) {
    public static ComputePlan cpuFp32() {
        return new ComputePlan(Device.cpu(), DataType.FLOAT32, DataType.FLOAT32);
    }

    /** The dtype name runs record: "fp32", "fp16", or "fp16-weights/fp32" for widened CPU weights. */
    public String dtypeName() {
        if (weights == compute) {
            return compute == DataType.FLOAT16 ? "fp16" : "fp32";
        }
        return "fp16-weights/fp32";
    }

    /** Whether weights must be widened to the compute dtype at each use. */
    public boolean widensWeights() {
        return weights != compute;
    }
}
