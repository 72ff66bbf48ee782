package io.sluice.helm;

import io.fabric8.kubernetes.api.model.HasMetadata;

import static java.util.Objects.requireNonNull;

/** One object of a rendered chart: the template it came from and its typed model. */
record RenderedObject(String source, HasMetadata object)
{
    RenderedObject
    {
        requireNonNull(source, "source is null");
        requireNonNull(object, "object is null");
    }

    String kind()
    {
        return object.getKind();
    }

    String name()
    {
        return object.getMetadata().getName();
    }
}
