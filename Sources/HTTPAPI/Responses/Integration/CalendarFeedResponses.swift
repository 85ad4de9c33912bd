import Foundation

/// Where the new feed is: add `path` to this server's address in the calendar application.
struct CalendarFeedResponse: ResponseBody {
    let path: String
    let token: String
}
