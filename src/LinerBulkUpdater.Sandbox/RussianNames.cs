namespace LinerBulkUpdater.Sandbox;

/// <summary>
/// Word lists the seeded leads are made of, each with the Latin spelling people use for handles
/// (Telegram, Instagram). Surnames all end in -ов, -ев or -ин, whose feminine form adds "а"
/// (Петров → Петрова), so one list serves both.
/// </summary>
internal static class RussianNames
{
    public static IReadOnlyList<(string Cyrillic, string Latin)> Male { get; } =
    [
        ("Александр", "alexander"), ("Дмитрий", "dmitry"), ("Максим", "maxim"), ("Сергей", "sergey"),
        ("Андрей", "andrey"), ("Алексей", "alexey"), ("Иван", "ivan"), ("Михаил", "mikhail"),
        ("Николай", "nikolay"), ("Павел", "pavel"), ("Артём", "artem"), ("Егор", "egor"),
        ("Владимир", "vladimir"), ("Олег", "oleg"), ("Юрий", "yuri"), ("Роман", "roman"),
    ];

    public static IReadOnlyList<(string Cyrillic, string Latin)> Female { get; } =
    [
        ("Анна", "anna"), ("Мария", "maria"), ("Елена", "elena"), ("Ольга", "olga"),
        ("Наталья", "natalia"), ("Татьяна", "tatiana"), ("Ирина", "irina"), ("Екатерина", "ekaterina"),
        ("Светлана", "svetlana"), ("Юлия", "yulia"), ("Дарья", "daria"), ("Ксения", "ksenia"),
        ("Алина", "alina"), ("Виктория", "victoria"), ("Полина", "polina"), ("Марина", "marina"),
    ];

    public static IReadOnlyList<(string Cyrillic, string Latin)> Surnames { get; } =
    [
        ("Иванов", "ivanov"), ("Смирнов", "smirnov"), ("Кузнецов", "kuznetsov"), ("Попов", "popov"),
        ("Васильев", "vasiliev"), ("Петров", "petrov"), ("Соколов", "sokolov"), ("Михайлов", "mikhailov"),
        ("Новиков", "novikov"), ("Фёдоров", "fedorov"), ("Морозов", "morozov"), ("Волков", "volkov"),
        ("Алексеев", "alekseev"), ("Лебедев", "lebedev"), ("Семёнов", "semenov"), ("Егоров", "egorov"),
        ("Павлов", "pavlov"), ("Козлов", "kozlov"), ("Степанов", "stepanov"), ("Никитин", "nikitin"),
        ("Орлов", "orlov"), ("Андреев", "andreev"), ("Макаров", "makarov"), ("Захаров", "zakharov"),
    ];

    public static IReadOnlyList<string> Cities { get; } =
    [
        "Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань", "Нижний Новгород",
        "Челябинск", "Самара", "Омск", "Ростов-на-Дону", "Уфа", "Красноярск", "Воронеж", "Пермь",
        "Краснодар", "Тюмень", "Иркутск", "Владивосток",
    ];

    /// <summary>
    /// What leads leave in a web form's comment box. Some are the JSON a quiz widget writes, and some
    /// hold commas, semicolons, quotes and a line break: values a file written from them must keep exactly.
    /// </summary>
    public static IReadOnlyList<string> QuizLogs { get; } =
    [
        "Перезвонить после 18:00",
        "Интересует ипотека, первый взнос 20%",
        "{\"Бюджет\":\"до 5 млн\",\"Комнат\":\"2\",\"Район\":\"Центр\"}",
        "{\"q1\":\"Да\",\"q2\":\"Через месяц\"}",
        "Просил прислать планировки; звонить только в будни",
        "Клиент сказал: \"подумаю\"\nперезвонить через неделю",
        "Пришёл с сайта, форма «Рассчитать стоимость»",
    ];
}
