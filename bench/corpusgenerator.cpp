#include "corpusgenerator.h"

#include "analysis/analyzer.h"
#include "store/library.h"

#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>
#include <QtConcurrent>

#include <cmath>
#include <cstdio>

namespace Dossier::Bench
{

namespace
{

const char *const outlets[]
    = { "Harbor Ledger", "Pacific Wire Service", "Northern Courier", "Capital Dispatch", "Meridian Times" };
const char *const firstNames[]
    = { "Aiko", "Rafael", "Ines", "Tomas", "Mei", "Kwame", "Sofia", "Daniel", "Hana", "Luca" };
const char *const lastNames[]
    = { "Tanabe", "Dizon", "Moreau", "Varga", "Lindqvist", "Osei", "Castellano", "Brandt", "Nakamura", "Ferreira" };
const char *const titles[] = { "Foreign Minister", "Defence Secretary", "Prime Minister", "Ambassador", "President" };
const char *const places[]
    = { "Tokyo", "Manila", "Canberra", "Brussels", "Singapore", "Seoul", "Jakarta", "Hanoi", "Wellington", "Ottawa" };
const char *const orgs[] = { "European Union", "United Nations", "ASEAN", "NATO", "World Bank",
    "International Maritime Organization", "Ministry of Foreign Affairs" };
const char *const topics[] = { "cyber security", "maritime patrols", "port infrastructure", "undersea cables",
    "export controls", "disaster relief", "fisheries enforcement" };
const char *const months[] = { "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December" };

template<size_t N> QString pick(std::mt19937 &random, const char *const (&items)[N])
{
    return QString::fromLatin1(items[std::uniform_int_distribution<size_t>(0, N - 1)(random)]);
}

// The wider cast of storyArticle(): 50 x 60 people, organisations and places, drawn Zipf-like.
const char *const givenNames[] = { "Aiko", "Rafael", "Ines", "Tomas", "Mei", "Kwame", "Sofia", "Daniel", "Hana", "Luca",
    "Amara", "Bjorn", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hiroshi", "Ingrid", "Jonas", "Kavya", "Leila",
    "Marek", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Samir", "Tamar", "Ugo", "Vera", "Wei", "Ximena", "Yusuf",
    "Zofia", "Andrei", "Beatriz", "Chen", "Dalia", "Emeka", "Fatima", "Gustav", "Helga", "Ivan", "Jamal", "Keiko",
    "Lars", "Maya", "Nikolai" };
const char *const familyNames[] = { "Tanabe", "Dizon", "Moreau", "Varga", "Lindqvist", "Osei", "Castellano", "Brandt",
    "Nakamura", "Ferreira", "Adeyemi", "Bergstrom", "Caruso", "Dubois", "Eriksen", "Fontaine", "Gallagher", "Haddad",
    "Ibrahim", "Jansen", "Kowalski", "Laurent", "Mendoza", "Novak", "Okafor", "Petrov", "Quinlan", "Rossi", "Santos",
    "Takahashi", "Umarov", "Vasquez", "Weber", "Xu", "Yamamoto", "Zhang", "Abbott", "Barros", "Costa", "Delgado",
    "Engel", "Fischer", "Gomez", "Hoffmann", "Iqbal", "Juarez", "Kimura", "Lopez", "Mwangi", "Nilsson", "Ortega",
    "Pereira", "Quispe", "Ramos", "Schmidt", "Torres", "Ueda", "Vogel", "Wagner", "Young" };
const char *const cities[] = { "Tokyo", "Manila", "Canberra", "Brussels", "Singapore", "Seoul", "Jakarta", "Hanoi",
    "Wellington", "Ottawa", "London", "Paris", "Berlin", "Madrid", "Rome", "Lisbon", "Vienna", "Warsaw", "Prague",
    "Stockholm", "Oslo", "Helsinki", "Copenhagen", "Dublin", "Athens", "Ankara", "Cairo", "Nairobi", "Lagos", "Accra",
    "Johannesburg", "Mumbai", "Delhi", "Karachi", "Dhaka", "Bangkok", "Kuala Lumpur", "Beijing", "Shanghai", "Taipei",
    "Sydney", "Auckland", "Lima", "Santiago", "Bogota", "Caracas", "Mexico City", "Toronto", "Chicago", "Boston",
    "Geneva", "Vancouver", "Montreal", "Osaka", "Busan", "Riyadh", "Doha", "Dubai", "Tehran", "Baghdad" };
const char *const bodies[] = { "European Union", "United Nations", "ASEAN", "NATO", "World Bank",
    "International Maritime Organization", "Ministry of Foreign Affairs", "International Monetary Fund",
    "World Health Organization", "African Union", "Red Cross", "Amnesty International", "Greenpeace", "Interpol",
    "World Trade Organization", "OPEC", "UNICEF", "Ministry of Defence", "Ministry of Finance", "Reuters", "Toyota",
    "Siemens", "Samsung", "Maersk", "Shell", "Microsoft", "Huawei", "Boeing", "Airbus", "Unilever",
    "Human Rights Watch", "Asian Development Bank", "European Commission", "Federal Reserve", "Bank of Japan",
    "European Central Bank", "World Food Programme", "Save the Children", "Oxfam", "Doctors Without Borders" };
const char *const storyTitles[] = { "Foreign Minister", "Defence Secretary", "Prime Minister", "Ambassador",
    "President", "Finance Minister", "Governor", "Senator", "Mayor", "Chief Executive" };

// An index below \a n, the first ones far more often (u^2.5 piles the draws up near 0).
int zipf(std::mt19937 &random, int n)
{
    const double u = std::uniform_real_distribution<double>(0.0, 1.0)(random);
    return std::min(n - 1, int(double(n) * std::pow(u, 2.5)));
}

template<size_t N> QString zipfPick(std::mt19937 &random, const char *const (&items)[N])
{
    return QString::fromLatin1(items[zipf(random, int(N))]);
}

QString storyPerson(std::mt19937 &random)
{
    constexpr int given = int(std::size(givenNames));
    constexpr int family = int(std::size(familyNames));
    const int person = zipf(random, given * family);
    return QString::fromLatin1(givenNames[person % given]) + u' ' + QString::fromLatin1(familyNames[person / given]);
}

} // namespace

CorpusGenerator::CorpusGenerator(quint32 seed)
    : m_random(seed)
{
}

QByteArray CorpusGenerator::article(int index)
{
    auto &r = m_random;
    const QString place = pick(r, places);
    const QString topic = pick(r, topics);
    const QString person = pick(r, firstNames) + u' ' + pick(r, lastNames);
    const QString other = pick(r, firstNames) + u' ' + pick(r, lastNames);
    const int day = std::uniform_int_distribution<int>(1, 28)(r);
    const int year = std::uniform_int_distribution<int>(2019, 2026)(r);
    const QString month = pick(r, months);

    QStringList lines;
    lines << pick(r, outlets) + QStringLiteral(" live feed") << QString();
    lines << QStringLiteral("%1 and %2 to deepen cooperation on %3 (%4)").arg(place, pick(r, orgs), topic).arg(index)
          << QString();
    lines << QStringLiteral("%1 %2, %3").arg(month.left(3) + u'.').arg(day).arg(year) << QString();
    const int paragraphs = std::uniform_int_distribution<int>(4, 12)(r);
    for (int p = 0; p < paragraphs; ++p) {
        QString text;
        if (p == 0) {
            text = place.toUpper() + QStringLiteral(" — ");
        }
        const int sentences = std::uniform_int_distribution<int>(2, 5)(r);
        for (int s = 0; s < sentences; ++s) {
            switch (std::uniform_int_distribution<int>(0, 4)(r)) {
            case 0:
                text += QStringLiteral("%1 %2 said on %3 %4 that talks with the %5 on %6 had made progress. ")
                            .arg(pick(r, titles), person, month)
                            .arg(day)
                            .arg(pick(r, orgs), topic);
                break;
            case 1:
                text += QStringLiteral(
                    "Officials in %1 and %2 expect a joint statement within weeks, %3 told reporters. ")
                            .arg(place, pick(r, places), other);
                break;
            case 2:
                text += QStringLiteral("The plan would commit $%1.%2 billion over %3 years to %4. ")
                            .arg(std::uniform_int_distribution<int>(1, 9)(r))
                            .arg(std::uniform_int_distribution<int>(0, 9)(r))
                            .arg(std::uniform_int_distribution<int>(2, 10)(r))
                            .arg(topic);
                break;
            case 3:
                text += QStringLiteral(
                    "\"We will not accept threats to %1,\" %2 said, adding that the %3 had been briefed. ")
                            .arg(topic, person.section(u' ', 1), pick(r, orgs));
                break;
            default:
                text += QStringLiteral("Critics in %1 say the measures, first proposed in %2, go too far. ")
                            .arg(pick(r, places))
                            .arg(year - 1);
                break;
            }
        }
        lines << text.trimmed() << QString();
    }
    lines << QStringLiteral("More Headlines") << QString();
    for (int i = 0; i < 5; ++i) {
        lines << QStringLiteral("%1 weighs new rules on %2").arg(pick(r, places), pick(r, topics));
    }
    lines << QString() << QStringLiteral("Login to leave a comment") << QStringLiteral("Share | Print | Email");
    return lines.join(u'\n').toUtf8();
}

QByteArray CorpusGenerator::storyArticle(int index)
{
    constexpr int perStory = 5;
    const bool copy = index % 50 == 49;
    const int source = copy ? index - 1 : index;
    const int story = source / perStory;

    // What the story's articles share: its day, cast and topic.
    std::mt19937 s(quint32(story) * 2654435761u + 11u);
    const QDate happened = QDate(2019, 1, 1).addDays(std::uniform_int_distribution<int>(0, 2921)(s));
    const QString topic = pick(s, topics);
    QStringList people;
    for (int i = std::uniform_int_distribution<int>(2, 4)(s); i > 0; --i) {
        people << storyPerson(s);
    }
    const QStringList organisations { zipfPick(s, bodies), zipfPick(s, bodies) };
    const QStringList where { zipfPick(s, cities), zipfPick(s, cities) };
    const QString role = pick(s, storyTitles);

    std::mt19937 r(quint32(source) * 40503u + 7u);
    const QDate published = happened.addDays(std::uniform_int_distribution<int>(0, 3)(r));
    const QString event
        = QStringLiteral("%1 %2").arg(happened.day()).arg(QString::fromLatin1(months[happened.month() - 1]));
    const auto anyOf = [&r](const QStringList &items) {
        return items[std::uniform_int_distribution<qsizetype>(0, items.size() - 1)(r)];
    };
    QStringList paragraphs;
    const int count = std::uniform_int_distribution<int>(4, 9)(r);
    for (int p = 0; p < count; ++p) {
        QString text = p == 0 ? where[0].toUpper() + QStringLiteral(" — ") : QString();
        for (int n = std::uniform_int_distribution<int>(2, 4)(r); n > 0; --n) {
            switch (std::uniform_int_distribution<int>(0, 5)(r)) {
            case 0:
                text += QStringLiteral("%1 %2 said on %3 that talks with the %4 on %5 had made progress. ")
                            .arg(role, people[0], event, organisations[0], topic);
                break;
            case 1:
                text += QStringLiteral(
                    "Officials in %1 and %2 expect a joint statement within weeks, %3 told reporters. ")
                            .arg(where[0], where[1], anyOf(people));
                break;
            case 2:
                text += QStringLiteral("The %1 would commit $%2.%3 billion to %4, %5 said. ")
                            .arg(organisations[1])
                            .arg(std::uniform_int_distribution<int>(1, 9)(r))
                            .arg(std::uniform_int_distribution<int>(0, 9)(r))
                            .arg(topic, anyOf(people));
                break;
            case 3:
                text += QStringLiteral("\"We will not accept threats to %1,\" %2 said in %3. ")
                            .arg(topic, anyOf(people), anyOf(where));
                break;
            case 4: {
                const QDate before = happened.addDays(-std::uniform_int_distribution<int>(1, 30)(r));
                text += QStringLiteral("%1 met %2 in %3 on %4 %5 to discuss %6. ")
                            .arg(people[0], people[1], where[1])
                            .arg(before.day())
                            .arg(QString::fromLatin1(months[before.month() - 1]), topic);
                break;
            }
            default:
                text += QStringLiteral("Critics in %1 say the measures, first proposed in %2, go too far. ")
                            .arg(zipfPick(r, cities))
                            .arg(happened.year() - 1);
                break;
            }
        }
        paragraphs << text.trimmed();
    }
    QString outlet = pick(r, outlets);
    QString headline = QStringLiteral("%1 and %2 agree on %3").arg(where[0], organisations[0], topic);
    QStringList after { QStringLiteral("More Headlines"), QStringLiteral("Login to leave a comment"),
        QStringLiteral("Share | Print | Email") };
    if (copy) {
        // Another outlet's copy: its own masthead, headline and boilerplate, the last paragraph cut.
        outlet = QString::fromLatin1(outlets[(index / 50) % std::size(outlets)]) + QStringLiteral(" (wire)");
        headline = QStringLiteral("%1: %2 deal on %3 reached in %4").arg(people[0], organisations[0], topic, where[0]);
        paragraphs.removeLast();
        after = { QStringLiteral("Copyright wire service. All rights reserved."), QStringLiteral("Subscribe now") };
    }
    QStringList lines { outlet, QString(), headline, QString(),
        QStringLiteral("%1. %2, %3")
            .arg(QString::fromLatin1(months[published.month() - 1]).left(3))
            .arg(published.day())
            .arg(published.year()),
        QString() };
    for (const QString &paragraph : std::as_const(paragraphs)) {
        lines << paragraph << QString();
    }
    lines << after;
    return lines.join(u'\n').toUtf8();
}

bool makeLibrary(
    const QString &path, int articles, const QString &folder, const std::function<QByteArray(int)> &article)
{
    if (QFileInfo::exists(path)) {
        return true;
    }
    QElapsedTimer timer;
    timer.start();
    Core::Library library(path);
    if (!library.open()) {
        std::fprintf(stderr, "%s\n", qPrintable(library.errorString()));
        return false;
    }
    const Core::Analyzer analyzer;
    constexpr int batch = 512;
    for (int first = 0; first < articles; first += batch) {
        QList<int> indexes;
        for (int i = first; i < std::min(articles, first + batch); ++i) {
            indexes.append(i);
        }
        const QList<Core::Article> analysed = QtConcurrent::blockingMapped<QList<Core::Article>>(indexes, [&](int i) {
            const QString name = QStringLiteral("/%1/%2/article-%3.txt").arg(folder).arg(i / 1000).arg(i);
            return analyzer.analyzeBytes(name, article(i)).article;
        });
        if (!library.articles().beginBatch()) {
            return false;
        }
        for (const Core::Article &stored : analysed) {
            if (!library.articles().store(stored)) {
                std::fprintf(stderr, "%s\n", qPrintable(library.errorString()));
                return false;
            }
        }
        if (!library.articles().commitBatch()) {
            return false;
        }
        std::fprintf(stderr, "\r%d/%d", std::min(articles, first + batch), articles);
    }
    std::fprintf(stderr, "\n");
    std::printf("library_built articles=%d seconds=%.1f\n", articles, double(timer.nsecsElapsed()) / 1e9);
    std::fflush(stdout);
    return true;
}

qint64 writeCorpus(const QString &folder, int articles)
{
    CorpusGenerator generator(20261122);
    qint64 bytes = 0;
    for (int i = 0; i < articles; ++i) {
        const QString sub = folder + QStringLiteral("/%1").arg(i / 1000, 3, 10, QLatin1Char('0'));
        QDir().mkpath(sub);
        QFile file(sub + QStringLiteral("/article-%1.txt").arg(i, 6, 10, QLatin1Char('0')));
        const QByteArray text = generator.article(i);
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size()) {
            return -1;
        }
        bytes += text.size();
    }
    return bytes;
}

} // namespace Dossier::Bench
