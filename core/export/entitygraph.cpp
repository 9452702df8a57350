// Co-occurring entities as a graph: GraphML and GEXF 1.3, written with QXmlStreamWriter.

#include "export/entitygraph.h"

#include <QSet>
#include <QXmlStreamWriter>

#include <algorithm>

namespace Dossier::Core::EntityGraph
{

namespace
{

// The entities of the pairs, each once, most frequent first (then by name).
QList<EntitySummary> nodesOf(const Cooccurrences &cooccurrences)
{
    QList<EntitySummary> nodes;
    QSet<qint64> seen;
    for (const CooccurrencePair &pair : cooccurrences.pairs) {
        for (const EntitySummary *entity : { &pair.a, &pair.b }) {
            if (!seen.contains(entity->id)) {
                seen.insert(entity->id);
                nodes.append(*entity);
            }
        }
    }
    std::stable_sort(nodes.begin(), nodes.end(), [](const EntitySummary &a, const EntitySummary &b) {
        if (a.documents != b.documents) {
            return a.documents > b.documents;
        }
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    return nodes;
}

QString number(double value)
{
    return QString::number(value, 'g', 15);
}

void writeData(QXmlStreamWriter &xml, const QString &key, const QString &value)
{
    xml.writeStartElement(QStringLiteral("data"));
    xml.writeAttribute(QStringLiteral("key"), key);
    xml.writeCharacters(value);
    xml.writeEndElement();
}

void writeKey(QXmlStreamWriter &xml, const QString &id, const QString &domain, const QString &type)
{
    xml.writeEmptyElement(QStringLiteral("key"));
    xml.writeAttribute(QStringLiteral("id"), id);
    xml.writeAttribute(QStringLiteral("for"), domain);
    xml.writeAttribute(QStringLiteral("attr.name"), id);
    xml.writeAttribute(QStringLiteral("attr.type"), type);
}

void writeAttribute(QXmlStreamWriter &xml, const QString &id, const QString &type)
{
    xml.writeEmptyElement(QStringLiteral("attribute"));
    xml.writeAttribute(QStringLiteral("id"), id);
    xml.writeAttribute(QStringLiteral("title"), id);
    xml.writeAttribute(QStringLiteral("type"), type);
}

void writeValue(QXmlStreamWriter &xml, const QString &id, const QString &value)
{
    xml.writeEmptyElement(QStringLiteral("attvalue"));
    xml.writeAttribute(QStringLiteral("for"), id);
    xml.writeAttribute(QStringLiteral("value"), value);
}

} // namespace

QByteArray toGraphMl(const Cooccurrences &cooccurrences)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeDefaultNamespace(QStringLiteral("http://graphml.graphdrawing.org/xmlns"));
    xml.writeNamespace(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"), QStringLiteral("xsi"));
    xml.writeStartElement(QStringLiteral("graphml"));
    xml.writeAttribute(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"), QStringLiteral("schemaLocation"),
        QStringLiteral("http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"));
    writeKey(xml, QStringLiteral("label"), QStringLiteral("node"), QStringLiteral("string"));
    writeKey(xml, QStringLiteral("type"), QStringLiteral("node"), QStringLiteral("string"));
    writeKey(xml, QStringLiteral("count"), QStringLiteral("node"), QStringLiteral("int"));
    writeKey(xml, QStringLiteral("weight"), QStringLiteral("edge"), QStringLiteral("double"));
    writeKey(xml, QStringLiteral("npmi"), QStringLiteral("edge"), QStringLiteral("double"));
    writeKey(xml, QStringLiteral("pmi"), QStringLiteral("edge"), QStringLiteral("double"));
    xml.writeStartElement(QStringLiteral("graph"));
    xml.writeAttribute(QStringLiteral("id"), QStringLiteral("cooccurrence"));
    xml.writeAttribute(QStringLiteral("edgedefault"), QStringLiteral("undirected"));
    for (const EntitySummary &entity : nodesOf(cooccurrences)) {
        xml.writeStartElement(QStringLiteral("node"));
        xml.writeAttribute(QStringLiteral("id"), QStringLiteral("e%1").arg(entity.id));
        writeData(xml, QStringLiteral("label"), entity.name);
        writeData(xml, QStringLiteral("type"), entityTypeName(entity.type));
        writeData(xml, QStringLiteral("count"), QString::number(entity.documents));
        xml.writeEndElement();
    }
    int index = 0;
    for (const CooccurrencePair &pair : cooccurrences.pairs) {
        xml.writeStartElement(QStringLiteral("edge"));
        xml.writeAttribute(QStringLiteral("id"), QStringLiteral("p%1").arg(index++));
        xml.writeAttribute(QStringLiteral("source"), QStringLiteral("e%1").arg(pair.a.id));
        xml.writeAttribute(QStringLiteral("target"), QStringLiteral("e%1").arg(pair.b.id));
        writeData(xml, QStringLiteral("weight"), QString::number(pair.count));
        writeData(xml, QStringLiteral("npmi"), number(pair.npmi));
        writeData(xml, QStringLiteral("pmi"), number(pair.pmi));
        xml.writeEndElement();
    }
    xml.writeEndElement(); // graph
    xml.writeEndElement(); // graphml
    xml.writeEndDocument();
    return out;
}

QByteArray toGexf(const Cooccurrences &cooccurrences)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeDefaultNamespace(QStringLiteral("http://gexf.net/1.3"));
    xml.writeNamespace(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"), QStringLiteral("xsi"));
    xml.writeStartElement(QStringLiteral("gexf"));
    xml.writeAttribute(QStringLiteral("http://www.w3.org/2001/XMLSchema-instance"), QStringLiteral("schemaLocation"),
        QStringLiteral("http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"));
    xml.writeAttribute(QStringLiteral("version"), QStringLiteral("1.3"));
    xml.writeStartElement(QStringLiteral("meta"));
    xml.writeTextElement(QStringLiteral("creator"), QStringLiteral("Dossier"));
    xml.writeTextElement(QStringLiteral("description"),
        QStringLiteral("Entities appearing together in the same %1")
            .arg(cooccurrences.scope == CooccurrenceScope::Sentence ? QStringLiteral("sentence")
                                                                    : QStringLiteral("article")));
    xml.writeEndElement(); // meta
    xml.writeStartElement(QStringLiteral("graph"));
    xml.writeAttribute(QStringLiteral("mode"), QStringLiteral("static"));
    xml.writeAttribute(QStringLiteral("defaultedgetype"), QStringLiteral("undirected"));
    xml.writeStartElement(QStringLiteral("attributes"));
    xml.writeAttribute(QStringLiteral("class"), QStringLiteral("node"));
    writeAttribute(xml, QStringLiteral("type"), QStringLiteral("string"));
    writeAttribute(xml, QStringLiteral("count"), QStringLiteral("integer"));
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("attributes"));
    xml.writeAttribute(QStringLiteral("class"), QStringLiteral("edge"));
    writeAttribute(xml, QStringLiteral("npmi"), QStringLiteral("double"));
    writeAttribute(xml, QStringLiteral("pmi"), QStringLiteral("double"));
    xml.writeEndElement();
    xml.writeStartElement(QStringLiteral("nodes"));
    for (const EntitySummary &entity : nodesOf(cooccurrences)) {
        xml.writeStartElement(QStringLiteral("node"));
        xml.writeAttribute(QStringLiteral("id"), QString::number(entity.id));
        xml.writeAttribute(QStringLiteral("label"), entity.name);
        xml.writeStartElement(QStringLiteral("attvalues"));
        writeValue(xml, QStringLiteral("type"), entityTypeName(entity.type));
        writeValue(xml, QStringLiteral("count"), QString::number(entity.documents));
        xml.writeEndElement();
        xml.writeEndElement();
    }
    xml.writeEndElement(); // nodes
    xml.writeStartElement(QStringLiteral("edges"));
    int index = 0;
    for (const CooccurrencePair &pair : cooccurrences.pairs) {
        xml.writeStartElement(QStringLiteral("edge"));
        xml.writeAttribute(QStringLiteral("id"), QString::number(index++));
        xml.writeAttribute(QStringLiteral("source"), QString::number(pair.a.id));
        xml.writeAttribute(QStringLiteral("target"), QString::number(pair.b.id));
        xml.writeAttribute(QStringLiteral("weight"), QString::number(pair.count));
        xml.writeStartElement(QStringLiteral("attvalues"));
        writeValue(xml, QStringLiteral("npmi"), number(pair.npmi));
        writeValue(xml, QStringLiteral("pmi"), number(pair.pmi));
        xml.writeEndElement();
        xml.writeEndElement();
    }
    xml.writeEndElement(); // edges
    xml.writeEndElement(); // graph
    xml.writeEndElement(); // gexf
    xml.writeEndDocument();
    return out;
}

} // namespace Dossier::Core::EntityGraph
