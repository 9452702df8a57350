#pragma once

// Hand-written stories for the near-duplicate tests (clusters_test): a wire story, the edits
// outlets make to their copies of it, and another story on the same topic that is no copy.

#include <QString>
#include <QStringList>

namespace Dossier::Test::Stories
{

inline QStringList wireParagraphs()
{
    return {
        QStringLiteral(
            "HALDEN PORT — Dock workers at the port of Halden walked off the job on Tuesday after talks "
            "over automation and night-shift pay collapsed late on Monday, leaving more than forty container "
            "ships waiting at anchor in the outer harbour."),
        QStringLiteral("The Halden Dockers Union said the operator, Northgate Terminals, had refused to put in writing "
                       "a promise that no crane driver would lose a job when the new remote-controlled cranes arrive "
                       "next spring. \"We asked for one sentence on one page,\" union secretary Marit Solberg told "
                       "reporters at the gate. \"They would not give us even that.\""),
        QStringLiteral("Northgate Terminals said in a statement that it had offered a four per cent rise for night "
                       "shifts and a retraining fund worth twelve million crowns, and that the strike would cost the "
                       "regional economy far more than the union's demands. The company said it remained ready to "
                       "return to the table at any hour."),
        QStringLiteral("Shipping agents said the first vessels had already begun to divert to Gothenburg and Aarhus, "
                       "where berths were filling quickly. A spokesman for the chamber of commerce warned that "
                       "supermarkets in the south of the country could see gaps on their shelves within ten days if "
                       "the dispute dragged on."),
        QStringLiteral("The strike is the first at Halden since 2009, when a walkout over pensions lasted eleven days. "
                       "The labour ministry said a state mediator would meet both sides on Thursday morning."),
    };
}

inline QString wireBody()
{
    return wireParagraphs().join(QStringLiteral("\n\n"));
}

/*! A paragraph an outlet adds to its copy. */
inline QString insertedParagraph()
{
    return QStringLiteral("Local residents interviewed by this newspaper were divided: a fish-shop owner near the "
                          "quay said the dockers deserved the guarantee, while a haulage firm's dispatcher said his "
                          "lorries had stood idle since dawn and his drivers were losing wages by the hour.");
}

/*! The wire story as an outlet edits it: \a edits among "headline", "trim", "insert", "boilerplate",
    "substitute". The headline is not part of the body, so "headline" leaves the body as it is. */
inline QString editedCopy(const QStringList &edits)
{
    QStringList paragraphs = wireParagraphs();
    if (edits.contains(QStringLiteral("trim"))) {
        paragraphs.removeLast(); // the last paragraph cut for space
    }
    if (edits.contains(QStringLiteral("insert"))) {
        paragraphs.insert(2, insertedParagraph());
    }
    QString body = paragraphs.join(QStringLiteral("\n\n"));
    if (edits.contains(QStringLiteral("substitute"))) {
        const std::pair<const char16_t *, const char16_t *> words[] = {
            { u"walked off the job", u"went on strike" },
            { u"collapsed", u"broke down" },
            { u"told reporters", u"told journalists" },
            { u"quickly", u"fast" },
            { u"warned", u"cautioned" },
            { u"Thursday morning", u"Thursday" },
        };
        for (const auto &[from, to] : words) {
            body.replace(QString::fromUtf16(from), QString::fromUtf16(to));
        }
    }
    if (edits.contains(QStringLiteral("boilerplate"))) {
        body = QStringLiteral("By our business desk, with agencies\n\n") + body
            + QStringLiteral(
                "\n\nRead more: Ferry timetables change next month\n\nSign up for our morning briefing and "
                "get the day's business news in your inbox before eight.");
    }
    return body;
}

/*! Another strike at another port, in the same words of the trade: the same topic, not a copy. */
inline QString sameTopicStory()
{
    return QStringLiteral(
        "VESTBY — Crane drivers at the container terminal in Vestby stopped work on Friday in a dispute over "
        "overtime rules, the second stoppage at the terminal this year.\n\n"
        "The Vestby Port Workers Association said members had been asked to work double shifts for months without "
        "the rest days their contract promises. Its chairman, Jonas Eriksen, said the walkout would last "
        "forty-eight hours unless the terminal's owners agreed to hire more staff.\n\n"
        "The owners, Fjordline Logistics, called the action unlawful and said they would ask the labour court to "
        "end it. Three ships were waiting in the harbour on Friday afternoon and two more were expected overnight, "
        "a harbour master said.\n\n"
        "Unions at several ports have pressed for new staffing rules since cargo volumes rose sharply last "
        "autumn. Employers say automation will ease the pressure within two years.");
}

} // namespace Dossier::Test::Stories
