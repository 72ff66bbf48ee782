package io.sluice.helm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import static java.util.Objects.requireNonNull;

/**
 * Parses one rendered manifest into the typed fabric8 model of its apiVersion and kind, and fails on any field
 * the model does not know.
 *
 * <p>Setting FAIL_ON_UNKNOWN_PROPERTIES alone is not enough: every fabric8 model class collects unknown fields
 * through a {@code @JsonAnySetter} into {@code additionalProperties}, and Jackson hands unknown fields to an
 * any-setter before it would fail. The introspector below hides those any-setters, so an unknown field (a typo,
 * a wrong indentation level) reaches FAIL_ON_UNKNOWN_PROPERTIES and fails the parse.
 */
final class StrictManifestParser
{
    private final KubernetesSerialization serialization;

    StrictManifestParser()
    {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setAnnotationIntrospector(new NoAnySetterIntrospector());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // true: also register the resource classes found on the class path (Chaos Mesh, Prometheus Operator models)
        this.serialization = new KubernetesSerialization(mapper, true);
    }

    /** The typed object of one YAML document; fails when its kind has no typed model or a field is unknown. */
    HasMetadata parse(String source, String yaml)
    {
        requireNonNull(source, "source is null");
        requireNonNull(yaml, "yaml is null");
        Object parsed;
        try {
            parsed = serialization.unmarshal(yaml);
        }
        catch (RuntimeException e) {
            throw new IllegalArgumentException(source + ": does not parse into its typed model: " + rootMessage(e), e);
        }
        if (!(parsed instanceof HasMetadata object) || parsed instanceof GenericKubernetesResource) {
            throw new IllegalArgumentException(source + ": no typed model for this apiVersion/kind, got " + parsed.getClass().getName());
        }
        return object;
    }

    private static String rootMessage(Throwable e)
    {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static final class NoAnySetterIntrospector
            extends JacksonAnnotationIntrospector
    {
        @Override
        public Boolean hasAnySetter(Annotated annotated)
        {
            return Boolean.FALSE;
        }
    }
}
