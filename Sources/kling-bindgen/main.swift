import Foundation
print("bindgen")
