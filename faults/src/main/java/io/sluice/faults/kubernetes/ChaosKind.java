package io.sluice.faults.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The Chaos Mesh resource types a fault run creates. Their API paths are spelled out: the client's guess at the
 * plural of {@code PodChaos} is not Chaos Mesh's {@code podchaos}.
 */
enum ChaosKind
{
    POD_CHAOS("PodChaos", "podchaos"),
    NETWORK_CHAOS("NetworkChaos", "networkchaos"),
    IO_CHAOS("IOChaos", "iochaos");

    static final String GROUP = "chaos-mesh.org";
    static final String VERSION = "v1alpha1";

    private final ResourceDefinitionContext context;

    ChaosKind(String kind, String plural)
    {
        this.context = new ResourceDefinitionContext.Builder()
                .withGroup(GROUP)
                .withVersion(VERSION)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }

    ResourceDefinitionContext context()
    {
        return context;
    }
}
