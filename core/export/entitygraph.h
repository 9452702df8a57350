#pragma once

#include "store/cooccurrencequery.h"

#include <QByteArray>

namespace Dossier::Core
{

/*!
    \brief Who appears with whom as a graph for Gephi, Cytoscape or NetworkX: each entity of the pairs
    a node (its name as label, its type and its count of units as attributes), each pair an
    undirected edge weighted by its count, with its NPMI and PMI as attributes. Nodes are listed most
    frequent first, edges in the pairs' ranked order.
*/
namespace EntityGraph
{

/*! As GraphML (http://graphml.graphdrawing.org/xmlns): keys label, type, count (nodes) and weight,
    npmi, pmi (edges); node ids "e<entity id>". */
QByteArray toGraphMl(const Cooccurrences &cooccurrences);
/*! As GEXF 1.3 (http://gexf.net/1.3): node attributes type and count, edge weight and attributes npmi
    and pmi; node ids the entity ids. */
QByteArray toGexf(const Cooccurrences &cooccurrences);

} // namespace EntityGraph

} // namespace Dossier::Core
