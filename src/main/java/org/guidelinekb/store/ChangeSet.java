package org.guidelinekb.store;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ArrayList;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;

/**
 * Everything one write changes, applied all-or-nothing by {@link KnowledgeStore#write}: graphs replaced whole,
 * graphs dropped, then single quads deleted and added. An empty change set writes nothing.
 */
public record ChangeSet(Map<Node, Graph> replaceGraphs, Set<Node> dropGraphs, List<Quad> deleteQuads, List<Quad> addQuads) {

    public ChangeSet {
        replaceGraphs = Map.copyOf(replaceGraphs);
        dropGraphs = Set.copyOf(dropGraphs);
        deleteQuads = List.copyOf(deleteQuads);
        addQuads = List.copyOf(addQuads);
    }

    public static ChangeSet empty() {
        return new ChangeSet(Map.of(), Set.of(), List.of(), List.of());
    }

    /** The names of every graph the change touches (replaced, dropped, or with quads deleted or added). */
    public Set<Node> graphs() {
        Set<Node> out = new java.util.LinkedHashSet<>(replaceGraphs.keySet());
        out.addAll(dropGraphs);
        deleteQuads.forEach(q -> out.add(q.getGraph()));
        addQuads.forEach(q -> out.add(q.getGraph()));
        return out;
    }

    public boolean isEmpty() {
        return replaceGraphs.isEmpty() && dropGraphs.isEmpty() && deleteQuads.isEmpty() && addQuads.isEmpty();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects changes; later calls for the same graph win. */
    public static final class Builder {
        private final Map<Node, Graph> replace = new LinkedHashMap<>();
        private final Set<Node> drop = new LinkedHashSet<>();
        private final List<Quad> delete = new ArrayList<>();
        private final List<Quad> add = new ArrayList<>();

        public Builder replaceGraph(Node name, Graph content) {
            drop.remove(name);
            replace.put(name, content);
            return this;
        }

        public Builder dropGraph(Node name) {
            replace.remove(name);
            drop.add(name);
            return this;
        }

        public Builder delete(Quad quad) {
            delete.add(quad);
            return this;
        }

        public Builder add(Quad quad) {
            add.add(quad);
            return this;
        }

        public Builder addAll(Node graph, Graph triples) {
            triples.find().forEachRemaining(t -> add.add(Quad.create(graph, t)));
            return this;
        }

        public Builder merge(ChangeSet other) {
            other.replaceGraphs().forEach(this::replaceGraph);
            other.dropGraphs().forEach(this::dropGraph);
            delete.addAll(other.deleteQuads());
            add.addAll(other.addQuads());
            return this;
        }

        public ChangeSet build() {
            return new ChangeSet(replace, drop, delete, add);
        }
    }
}
